package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Vault syncs by itself: after changes settle, only when the app allows, and through a server outage. */
class AutoSyncTest {
    private static final AutoSync.Settings FAST = new AutoSync.Settings(Duration.ofMillis(300), Duration.ofSeconds(1),
            Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofSeconds(1));
    private static final Conversation CHAT = new Conversation("c", ConversationKind.DIRECT, "Chat", List.of("me", "you"));
    @TempDir Path dir;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting: " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void aBurstOfMessagesIsOneSyncAndReachesTheOtherDevice() throws Exception {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "auto");
            List<BackupReport> synced = new CopyOnWriteArrayList<>();
            try (Session phone = created.session(); LocalStore phoneStore = vault.store("phone");
                 Session pc = vault.newDevice("pc", "auto", created.recoveryKey()); LocalStore pcStore = vault.store("pc");
                 Vault phoneVault = new Vault(phone, phoneStore, Clock.systemUTC(), FAST, AutoSync.Conditions.ALWAYS, new AutoSync.Listener() {
                     @Override public void synced(BackupReport r) { if (r.conversationsChanged() > 0) synced.add(r); }
                 });
                 Vault pcVault = new Vault(pc, pcStore, Clock.systemUTC(), FAST, AutoSync.Conditions.ALWAYS, AutoSync.Listener.NONE)) {
                for (int i = 0; i < 20; i++) phoneVault.append(CHAT, List.of(Message.text("c", "m" + i, 1_000 + i, "me", "hi " + i)));
                await("the phone's burst is backed up", () -> phone.api().head().version() >= 1);
                await("the pc polls and takes it in", () -> pcStore.messageCount("c") == 20);
                assertThat(synced).as("twenty appends in a burst, one sync").hasSize(1);
                assertThat(synced.getFirst().messagesEncoded()).isEqualTo(20);
                pcVault.append(CHAT, List.of(Message.text("c", "from-pc", 5_000, "you", "hello back")));
                await("the phone takes in the pc's message", () -> phoneStore.messageCount("c") == 21);
            }
        }
    }

    @Test
    void waitsWhileTheAppSaysNoAndRidesOutAServerOutage() throws Exception {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "auto2");
            AtomicBoolean allowed = new AtomicBoolean(false);
            List<Duration> retries = new CopyOnWriteArrayList<>();
            try (Session phone = created.session(); LocalStore store = vault.store("phone");
                 Vault v = new Vault(phone, store, Clock.systemUTC(), FAST, allowed::get, new AutoSync.Listener() {
                     @Override public void failed(RuntimeException error, Duration retryIn) { retries.add(retryIn); }
                 })) {
                v.append(CHAT, List.of(Message.text("c", "m1", 1_000, "me", "on a metered network")));
                Thread.sleep(1_500);
                assertThat(phone.api().head().version()).as("not while the app says no").isZero();
                allowed.set(true);
                await("synced once allowed", () -> phone.api().head().version() == 1);

                vault.stop();
                v.append(CHAT, List.of(Message.text("c", "m2", 2_000, "me", "while the server is down")));
                await("two failed attempts", () -> retries.size() >= 2);
                assertThat(retries.get(1)).as("backing off").isGreaterThan(retries.get(0));
                vault.startAgain();
                await("synced after the server came back", () -> phone.api().head().version() == 2);
                assertThat(store.dirtyConversations()).isEmpty();
            }
        }
    }
}
