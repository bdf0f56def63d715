package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.client.verify.VerifyService;
import org.chatvault.core.error.WrongKeyException;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EndToEndTest {
    @TempDir Path dir;

    static BackupReport backup(Session s, LocalStore store) {
        return new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
    }

    static RestoreReport restore(Session s, LocalStore store) {
        return new RestoreService(s, store, Clock.systemUTC()).run(RestoreListener.NONE);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 20261122})
    void generatedHistoryRoundTripsThroughTheVault(long seed) {
        System.out.println("seed " + seed);
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "alice");
            try (Session a = created.session(); LocalStore storeA = vault.store("phone")) {
                TestVault.generate(storeA, seed, 40, 6_000);
                BackupReport r = backup(a, storeA);
                assertThat(r.version()).isEqualTo(1);
                assertThat(r.messagesEncoded()).isEqualTo(Stores.snapshot(storeA).values().stream().mapToLong(List::size).sum());
                try (Session b = vault.newDevice("new-phone", "alice", created.recoveryKey()); LocalStore storeB = vault.store("new-phone")) {
                    List<String> events = new ArrayList<>();
                    RestoreReport rr = new RestoreService(b, storeB, Clock.systemUTC()).run(new RestoreListener() {
                        @Override public void firstScreenReady(java.time.Duration d, long bytes, int conversations, long messages) {
                            events.add("first screen " + conversations);
                            // The first screen is already searchable and holds the newest chats' latest messages.
                            assertThat(storeB.recentConversations(1)).isNotEmpty();
                        }
                    });
                    assertThat(events).containsExactly("first screen 20");
                    assertThat(rr.messages()).isEqualTo(r.messagesEncoded());
                    assertThat(Stores.snapshot(storeB)).isEqualTo(Stores.snapshot(storeA));
                    assertThat(new VerifyService(b).run().problems()).isEmpty();
                }
            }
        }
    }

    @Test
    void incrementalBackupUploadsOnlyTheTailSegmentAndChangedIndex() {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "bob");
            try (Session a = created.session(); LocalStore store = vault.store("phone")) {
                TestVault.generate(store, 3, 30, 20_000);
                BackupReport first = backup(a, store);
                String conv = store.recentConversations(1).getFirst().conversation().id();
                long last = store.recentConversations(1).getFirst().lastActivity();
                List<Message> more = new ArrayList<>();
                for (int i = 0; i < 100; i++) more.add(Message.text(conv, "x" + i, last + 1 + i, "bob", "incremental " + i));
                store.addMessages(more);
                BackupReport second = backup(a, store);
                assertThat(second.version()).isEqualTo(first.version() + 1);
                assertThat(second.conversationsChanged()).isEqualTo(1);
                // The conversation's tail segment, its index and the root: nothing else.
                assertThat(second.objectsUploaded()).isEqualTo(3);
                assertThat(second.bytesUploaded()).isLessThan(first.bytesUploaded() / 10).isLessThan(300_000);
                BackupReport third = backup(a, store);
                assertThat(third.objectsUploaded()).isZero();
                assertThat(third.version()).isEqualTo(second.version());
            }
        }
    }

    @Test
    void serverRestartBetweenBackupAndRestoreLosesNothing() {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "carol");
            try (Session a = created.session(); LocalStore storeA = vault.store("phone")) {
                TestVault.generate(storeA, 11, 15, 3_000);
                backup(a, storeA);
                vault.restart();
                try (Session b = vault.newDevice("new-phone", "carol", created.recoveryKey()); LocalStore storeB = vault.store("new-phone")) {
                    restore(b, storeB);
                    assertThat(Stores.snapshot(storeB)).isEqualTo(Stores.snapshot(storeA));
                }
            }
        }
    }

    @Test
    void restoredDeviceBacksUpIncrementally() {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "dave");
            try (Session a = created.session(); LocalStore storeA = vault.store("phone")) {
                TestVault.generate(storeA, 5, 10, 2_000);
                backup(a, storeA);
                try (Session b = vault.newDevice("new-phone", "dave", created.recoveryKey()); LocalStore storeB = vault.store("new-phone")) {
                    restore(b, storeB);
                    String conv = storeB.recentConversations(1).getFirst().conversation().id();
                    storeB.addMessages(List.of(Message.text(conv, "fresh", TestVault.NOW + 5, "dave", "from the new phone")));
                    BackupReport r = backup(b, storeB);
                    assertThat(r.conversationsChanged()).isEqualTo(1);
                    assertThat(r.objectsUploaded()).isEqualTo(3);
                }
            }
        }
    }

    @Test
    void wrongRecoveryKeyIsRefusedClearly() {
        try (TestVault vault = new TestVault(dir)) {
            vault.create("phone", "erin").session().close();
            String wrong = "0".repeat(64);
            assertThatThrownBy(() -> vault.newDevice("thief", "erin", wrong))
                    .isInstanceOf(WrongKeyException.class).hasMessageContaining("recovery key does not open this vault");
            assertThatThrownBy(() -> vault.newDevice("thief2", "erin", "not a key"))
                    .isInstanceOf(WrongKeyException.class).hasMessageContaining("64 hexadecimal");
        }
    }
}
