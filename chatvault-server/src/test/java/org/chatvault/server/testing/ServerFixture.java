package org.chatvault.server.testing;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;

/** A real server on a free port over a temp data dir, restartable on the same dir. */
public final class ServerFixture implements AutoCloseable {
    private final ServerConfig config;
    private final MutableClock clock;
    private ChatvaultServer server;
    private Api api;

    public ServerFixture(Path dataDir) {
        this(dataDir, c -> c);
    }

    public ServerFixture(Path dataDir, UnaryOperator<ServerConfig> adjust) {
        this(dataDir, MutableClock.startingAt("2024-01-15T10:00:00Z"), adjust);
    }

    /** A server on {@code clock}, which several fixtures may share (instances on one database). */
    public ServerFixture(Path dataDir, MutableClock clock, UnaryOperator<ServerConfig> adjust) {
        this.config = adjust.apply(ServerConfig.forTesting(dataDir));
        this.clock = clock;
        start();
    }

    private void start() {
        server = ChatvaultServer.start(config, clock);
        api = new Api(server.baseUri(), clock);
    }

    public void restart() {
        server.close();
        start();
    }

    public Api api() { return api; }

    public MutableClock clock() { return clock; }

    public ChatvaultServer server() { return server; }

    public ServerConfig config() { return config; }

    @Override
    public void close() {
        server.close();
    }
}
