package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupService;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.billing.UnmeteredPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code kill -9}s (docs/SYNC.md §7): a client JVM killed at seeded moments during backup,
 * sync and restore, and a server JVM killed at seeded moments while a client commits; each time a
 * rerun finishes the job. Nothing is lost, the head is always either the old or the new snapshot,
 * and what went over the wire twice is bounded by one batch per kill.
 */
class ProcessKillTest {
    private static final long SEED = 20261130L;
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    private static final long NOW = 1_790_000_000_000L;
    private static final long BATCH = 8L * 1024 * 1024;
    @TempDir Path dir;

    private static Process cli(Path log, String... args) throws IOException {
        return java(log, Main.class, args);
    }

    private static Process java(Path log, Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Runs a CLI JVM and kills it with SIGKILL after {@code millis}; returns true if it was still running. */
    private static boolean killAfter(Process p, long millis) throws InterruptedException {
        if (p.waitFor(millis, TimeUnit.MILLISECONDS)) return false;
        p.destroyForcibly();
        p.waitFor();
        return true;
    }

    private static void generate(Path home, long seed, int conversations, long messages) {
        try (LocalStore store = LocalStore.open(home.resolve("local.db"))) {
            Histories.fill(store, GeneratorOptions.of(seed, conversations, messages, NOW), n -> {});
        }
    }

    private static Map<String, List<Message>> snapshot(Path home) {
        try (LocalStore store = LocalStore.open(home.resolve("local.db"))) {
            Map<String, List<Message>> out = new HashMap<>();
            for (Conversation c : store.conversations()) {
                List<Message> ms = new ArrayList<>();
                store.forEachMessage(c.id(), Long.MIN_VALUE, m -> { if (!m.ephemeral()) ms.add(m); });
                if (!ms.isEmpty()) out.put(c.id(), ms);
            }
            return out;
        }
    }

    private static long metric(URI server, String name) throws Exception {
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private String recoveryKey;

    private void create(URI server, Path home) {
        var created = new AccountService(new ProfileStore(home), new SecureRandom(), CHEAP)
                .create(server, "kim", "pw".toCharArray(), "a long vault passphrase".toCharArray());
        recoveryKey = created.recoveryKey();
        created.session().close();
    }

    private void login(URI server, Path home) {
        try (Session s = new AccountService(new ProfileStore(home), new SecureRandom(), CHEAP)
                .login(server, "kim", "pw".toCharArray(), new Unlock.WithRecoveryKey(recoveryKey))) {
            s.api().head();
        }
    }

    @Test
    void clientKilledDuringBackupSyncAndRestoreLosesNothing() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        System.out.println("ProcessKillTest seed " + SEED);
        Path log = dir.resolve("cli.log");
        try (ChatvaultServer server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnmeteredPlans.billing()), Clock.systemUTC())) {
            URI uri = server.baseUri();
            Path phone = dir.resolve("phone"), pc = dir.resolve("pc"), tablet = dir.resolve("tablet");
            create(uri, phone);
            generate(phone, 3, 60, 80_000);
            int kills = 0;
            // 1. backup, killed at four seeded moments, then run to the end
            for (int i = 0; i < 4; i++)
                if (killAfter(cli(log, "backup", "--text-only", "--home", phone.toString()), 300 + random.nextLong(2_500))) kills++;
            assertThat(Main.run("backup", "--text-only", "--home", phone.toString())).isZero();
            // 2. a second device with its own history syncs: killed at three moments, then to the end
            login(uri, pc);
            generate(pc, 4, 30, 30_000);
            for (int i = 0; i < 3; i++)
                if (killAfter(cli(log, "sync", "--home", pc.toString()), 300 + random.nextLong(3_000))) kills++;
            assertThat(Main.run("sync", "--home", pc.toString())).isZero();
            assertThat(Main.run("sync", "--home", phone.toString())).isZero();
            // 3. a new device restores: killed at three moments, then to the end
            login(uri, tablet);
            for (int i = 0; i < 3; i++)
                if (killAfter(cli(log, "restore", "--text-only", "--home", tablet.toString()), 300 + random.nextLong(3_000))) kills++;
            assertThat(Main.run("restore", "--text-only", "--home", tablet.toString())).isZero();

            System.out.println("ProcessKillTest: " + kills + " client processes killed mid-run; their output: " + Files.readString(log).length() + " chars");
            assertThat(kills).as("the seeded moments fall inside the runs").isGreaterThanOrEqualTo(6);
            Map<String, List<Message>> all = snapshot(phone);
            assertThat(snapshot(pc)).isEqualTo(all);
            assertThat(snapshot(tablet)).isEqualTo(all);
            long uploaded = metric(uri, "chatvault_upload_bytes_total");
            long stored = metric(uri, "chatvault_stored_bytes_total");
            assertThat(uploaded).as("bytes sent more than once: at most one batch per kill").isLessThanOrEqualTo(stored + kills * BATCH);
        }
    }

    @Test
    void serverKilledDuringCommitsLeavesTheOldOrTheNewHead() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        Path log = dir.resolve("server.log");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        Path data = dir.resolve("data");
        Process server = startServer(log, port, data);
        Path phone = dir.resolve("phone");
        create(uri, phone);
        int kills = 0;
        java.util.concurrent.atomic.AtomicInteger cutShort = new java.util.concurrent.atomic.AtomicInteger();
        try {
            for (int round = 0; round < 5; round++) {
                generate(phone, 10 + round, 20, 15_000);
                Map<String, List<Message>> before = round == 0 ? Map.of() : snapshotOfVault(uri, "before" + round);
                Map<String, List<Message>> after = snapshot(phone);
                // The client backs up in this JVM while the server JVM is killed at a seeded moment.
                Thread backup = Thread.ofPlatform().start(() -> {
                    try (Session s = new AccountService(new ProfileStore(phone)).resume(org.chatvault.client.http.RetryPolicy.NONE);
                         LocalStore store = LocalStore.open(phone.resolve("local.db"))) {
                        new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
                    } catch (RuntimeException expected) {
                        cutShort.incrementAndGet(); // the server died under it
                    }
                });
                Thread.sleep(50 + random.nextLong(600));
                server.destroyForcibly();
                server.waitFor();
                kills++;
                backup.join();
                server = startServer(log, port, data);
                Map<String, List<Message>> now = snapshotOfVault(uri, "after-kill" + round);
                assertThat(now).as("round %d: the head is the old snapshot or the new one", round).isIn(before, after);
                assertThat(Main.run("backup", "--text-only", "--home", phone.toString())).isZero();
                assertThat(snapshotOfVault(uri, "final" + round)).isEqualTo(after);
            }
        } finally {
            server.destroyForcibly();
        }
        System.out.println("ProcessKillTest: server killed " + kills + " times, " + cutShort.get() + " of them during the backup");
        assertThat(kills).isEqualTo(5);
        assertThat(cutShort.get()).as("the seeded moments fall inside backups").isGreaterThanOrEqualTo(2);
    }

    /**
     * {@code chatvault server} with production settings, but a free plan that keeps all history
     * (the built-in one keeps 30 days, and the generated history is years long). The server command
     * cannot be given a catalog yet; once it can, this goes back to {@code chatvault server --config}.
     */
    public static final class UnlimitedServer {
        public static void main(String[] args) throws InterruptedException {
            ChatvaultServer.start(ServerConfig.defaults().withPort(Integer.parseInt(args[0])).withDataDir(Path.of(args[1]))
                    .withBilling(UnmeteredPlans.billing()), Clock.systemUTC());
            Thread.currentThread().join(); // until killed
        }
    }

    private Process startServer(Path log, int port, Path data) throws Exception {
        Process p = java(log, UnlimitedServer.class, Integer.toString(port), data.toString());
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return p;
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server did not start: " + Files.readString(log));
    }

    /** What a fresh device restores from the vault now. */
    private Map<String, List<Message>> snapshotOfVault(URI uri, String device) {
        Path home = dir.resolve(device);
        login(uri, home);
        try (Session s = new AccountService(new ProfileStore(home)).resume(); LocalStore store = LocalStore.open(home.resolve("local.db"))) {
            var r = new RestoreService(s, store, Clock.systemUTC()).run(RestoreListener.NONE);
            assertThat(r.unrestored()).isEmpty();
        }
        return snapshot(home);
    }
}
