package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.protocol.vault.Commit;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.client.verify.VerifyReport;
import org.chatvault.client.verify.VerifyService;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityTest {
    static final String MARKER = "ZQX-PLAINTEXT-MARKER-31337";
    @TempDir Path dir;

    @Test
    void serverNeverStoresPlaintextOrSecrets() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "grace");
            try (Session s = created.session(); LocalStore store = vault.store("phone")) {
                store.putConversation(new Conversation("c1", ConversationKind.GROUP, "Title " + MARKER, List.of("grace", "heidi " + MARKER)));
                store.addMessages(List.of(
                        Message.text("c1", "m1", TestVault.NOW - 1000, "grace", "hello " + MARKER),
                        Message.text("c1", "m2", TestVault.NOW, "heidi", "秘密 " + MARKER + " 秘密")));
                TestVault.generate(store, 4, 5, 500);
                new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
            }
            vault.restart(); // flushes the SQLite WAL into the main file too
            List<String> secrets = List.of(MARKER, "correct horse", "battery staple", TestVault.PASSPHRASE, created.recoveryKey(),
                    created.recoveryKey().replace("-", ""));
            try (Stream<Path> files = Files.walk(vault.dataDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    String utf16 = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                    for (String secret : secrets) {
                        assertThat(content).as(f + " must not contain " + secret).doesNotContain(secret);
                        assertThat(utf16).as(f + " must not contain " + secret).doesNotContain(secret);
                    }
                }
            }
        }
    }

    @Test
    void oneAccountCanNeverReadOrCommitToAnother() {
        try (TestVault vault = new TestVault(dir)) {
            var alice = vault.create("alice-phone", "alice");
            var mallory = vault.create("mallory-phone", "mallory");
            try (Session a = alice.session(); Session m = mallory.session(); LocalStore store = vault.store("alice-phone")) {
                TestVault.generate(store, 8, 5, 300);
                new BackupService(a, store, Clock.systemUTC()).run(BackupListener.NONE);
                VaultHead aliceHead = a.api().head();
                var root = org.chatvault.core.format.ObjectId.parse(aliceHead.root());
                assertThat(m.api().head().version()).isZero();
                assertThat(m.api().missing(List.of(root))).containsExactly(root);
                assertThatThrownBy(() -> m.api().fetch(List.of(root), f -> { }))
                        .isInstanceOfSatisfying(ServerRefusedException.class, e -> assertThat(e.status()).isEqualTo(404));
                assertThatThrownBy(() -> m.api().commit(new Commit(0L, aliceHead.root(), List.of(aliceHead.root()), List.of())))
                        .isInstanceOfSatisfying(ServerRefusedException.class, e -> assertThat(e.status()).isEqualTo(422));
                List<String> aliceBlobs = a.api().keySlots().stream().map(KeySlot::blob).toList();
                assertThat(m.api().keySlots()).extracting(KeySlot::blob).doesNotContainAnyElementsOf(aliceBlobs);
                assertThat(a.api().head()).isEqualTo(aliceHead);
            }
        }
    }

    @Test
    void tamperedObjectIsDetectedAndNamed() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "ivan");
            try (Session s = created.session(); LocalStore store = vault.store("phone")) {
                TestVault.generate(store, 12, 8, 4_000);
                new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
                Path pack;
                try (Stream<Path> files = Files.walk(vault.dataDir.resolve("objects"))) {
                    pack = files.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
                }
                byte[] bytes = Files.readAllBytes(pack);
                bytes[bytes.length / 2] ^= 0x40;
                Files.write(pack, bytes);
                VerifyReport r = new VerifyService(s).run();
                assertThat(r.ok()).isFalse();
                assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("conversation ").contains("does not authenticate"));
                try (LocalStore fresh = vault.store("other")) {
                    // Damage is local: the restore goes on, restores the rest and names what it lost.
                    var rr = new RestoreService(s, fresh, Clock.systemUTC()).run(RestoreListener.NONE);
                    assertThat(rr.unrestored()).singleElement().satisfies(u -> {
                        assertThat(u.describe()).contains("does not authenticate").contains(u.conversationId());
                        assertThat(u.messages()).isPositive();
                    });
                    long all = Stores.snapshot(store).values().stream().mapToLong(java.util.List::size).sum();
                    long restored = Stores.snapshot(fresh).values().stream().mapToLong(java.util.List::size).sum();
                    assertThat(restored).isEqualTo(all - rr.unrestored().getFirst().messages());
                }
            }
        }
    }
}
