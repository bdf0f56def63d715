package org.chatvault.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.HistoryGenerator;
import org.chatvault.generator.HistorySink;
import org.chatvault.generator.MediaMaterializer;
import org.chatvault.generator.MediaShelf;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.billing.UnmeteredPlans;
import org.chatvault.server.config.ServerConfig;

/** A real embedded server on a free port with a temp data dir, and helpers to make devices on it. */
final class TestVault implements AutoCloseable {
    static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    /** Strong enough for the passphrase policy; still holds "battery staple", which SecurityTest looks for on the server. */
    static final String PASSPHRASE = "battery staple under quiet lanterns";
    static final long NOW = 1_790_000_000_000L; // 2026-09-21, fixed so histories are reproducible
    final Path dir;
    final Path dataDir;
    private final UnaryOperator<ServerConfig> adjust;
    private final Clock clock;
    ChatvaultServer server;

    /** A server on the system clock whose free plan keeps everything (tests that are not about plans). */
    TestVault(Path dir) {
        this(dir, c -> c.withBilling(UnmeteredPlans.billing()), Clock.systemUTC());
    }

    /** A server on {@code clock} with the testing config as {@code adjust} changes it. */
    TestVault(Path dir, UnaryOperator<ServerConfig> adjust, Clock clock) {
        this.dir = dir;
        this.dataDir = dir.resolve("server");
        this.adjust = adjust;
        this.clock = clock;
        start();
    }

    private ServerConfig config() { return adjust.apply(ServerConfig.forTesting(dataDir)); }

    void start() { server = ChatvaultServer.start(config(), clock); }

    void restart() {
        URI before = server.baseUri();
        server.close();
        server = ChatvaultServer.start(config().withPort(before.getPort()), clock);
    }

    private int stoppedPort;

    /** Stops the server (an outage); {@link #startAgain()} brings it back on the same port. */
    void stop() {
        stoppedPort = server.baseUri().getPort();
        server.close();
    }

    void startAgain() {
        server = ChatvaultServer.start(config().withPort(stoppedPort), clock);
    }

    URI uri() { return server.baseUri(); }

    AccountService accounts(String device) {
        return new AccountService(new ProfileStore(dir.resolve(device)), new SecureRandom(), CHEAP);
    }

    AccountService.Created create(String device, String user) {
        return accounts(device).create(uri(), user, "correct horse".toCharArray(), PASSPHRASE.toCharArray());
    }

    Session newDevice(String device, String user, String recoveryKey) {
        return accounts(device).login(uri(), user, "correct horse".toCharArray(), new Unlock.WithRecoveryKey(recoveryKey));
    }

    LocalStore store(String device) { return LocalStore.open(dir.resolve(device).resolve("local.db")); }

    static void generate(LocalStore store, long seed, int conversations, long messages) {
        HistoryGenerator.generate(GeneratorOptions.of(seed, conversations, messages, NOW), HistorySink.of(store::putConversation, store::addMessages));
    }

    /** The generated history's content files in the store's media directory (the test side of the generator's {@link MediaShelf}). */
    static MediaMaterializer.Report materialize(LocalStore store, double scale) throws IOException {
        MediaShelf shelf = MediaShelf.of(
                sink -> store.forEachMediaUse(u -> sink.accept(new MediaShelf.AttachmentFile(u.contentId(), u.mime(), u.size(), u.thumbnailId()))),
                id -> store.media().size(id).orElse(-1L), (id, content) -> store.media().write(id, content::writeTo, false), store::setAttachmentSize);
        return MediaMaterializer.materialize(shelf, scale, b -> {});
    }

    @Override public void close() { server.close(); }
}
