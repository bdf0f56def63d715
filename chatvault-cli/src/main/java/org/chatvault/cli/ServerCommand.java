package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.ServerStartException;
import org.chatvault.server.config.ConfigException;
import org.chatvault.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Chatvault server (SQLite + files under the data directory by default) until stopped.%n"
                + "Settings come from --config (a properties file), then CHATVAULT_* environment variables, then these options.%n"
                + "Example: chatvault server --port 8420 --data-dir ./data")
final class ServerCommand implements Callable<Integer> {
    /** A setting the operator must fix, as for bad usage: picocli's code. */
    static final int BAD_SETTING = 2;

    @Option(names = "--config", description = "Properties file with server settings.") Path config;
    @Option(names = "--host", description = "Interface to listen on (default 127.0.0.1).") String host;
    @Option(names = "--port", description = "TCP port (default 8420).") Integer port;
    @Option(names = "--data-dir", description = "Where metadata and objects live (default ./data).") Path dataDir;
    @Spec CommandSpec spec;

    @Override public Integer call() throws InterruptedException {
        HeaderLogGuard.install(); // also under an operator's own logging configuration
        ChatvaultServer server;
        ServerConfig cfg;
        try {
            cfg = settings();
            server = ChatvaultServer.start(cfg, Clock.systemUTC());
        } catch (ConfigException | ServerStartException e) {
            // The operator's to fix: one line naming the setting and where it came from, no stack trace.
            spec.commandLine().getErr().println("chatvault server: " + e.getMessage());
            return BAD_SETTING;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "chatvault-shutdown"));
        System.out.println("chatvault server listening on " + server.baseUri() + " with data in " + cfg.dataDir().toAbsolutePath());
        stopped.await();
        return 0;
    }

    /** The file and environment, then the options on top, each option's failure naming the option. */
    private ServerConfig settings() {
        ServerConfig cfg = load(config, dataDir);
        if (host != null) cfg = option("--host", host, cfg, c -> c.withHost(host));
        if (port != null) cfg = option("--port", port, cfg, c -> c.withPort(port));
        return cfg;
    }

    /** The server's settings as {@code chatvault server} reads them: the file, then CHATVAULT_* variables, then {@code dataDir}. */
    static ServerConfig load(Path config, Path dataDir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        ServerConfig cfg = ServerConfig.load(config, env);
        return dataDir == null ? cfg : option("--data-dir", dataDir, cfg, c -> c.withDataDir(dataDir));
    }

    private static ServerConfig option(String name, Object value, ServerConfig cfg, UnaryOperator<ServerConfig> apply) {
        try {
            return apply.apply(cfg);
        } catch (ConfigException e) {
            throw new ConfigException("option " + name + " '" + value + "': " + e.getMessage(), e);
        }
    }
}
