package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the Chatvault server (SQLite + files under the data directory by default) until stopped.%n"
                + "Settings come from --config (a properties file), then CHATVAULT_* environment variables, then these options.%n"
                + "Example: chatvault server --port 8420 --data-dir ./data")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Properties file with server settings.") Path config;
    @Option(names = "--host", description = "Interface to listen on (default 127.0.0.1).") String host;
    @Option(names = "--port", description = "TCP port (default 8420).") Integer port;
    @Option(names = "--data-dir", description = "Where metadata and objects live (default ./data).") Path dataDir;

    @Override public Integer call() throws InterruptedException {
        ServerConfig cfg = load(config, dataDir);
        if (host != null) cfg = cfg.withHost(host);
        if (port != null) cfg = cfg.withPort(port);
        ChatvaultServer server = ChatvaultServer.start(cfg, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "chatvault-shutdown"));
        System.out.println("chatvault server listening on " + server.baseUri() + " with data in " + cfg.dataDir().toAbsolutePath());
        stopped.await();
        return 0;
    }

    /** The server's settings as {@code chatvault server} reads them: the file, then CHATVAULT_* variables, then {@code dataDir}. */
    static ServerConfig load(Path config, Path dataDir) {
        Map<String, String> env = new HashMap<>(System.getenv());
        ServerConfig cfg = ServerConfig.load(config, env);
        return dataDir == null ? cfg : cfg.withDataDir(dataDir);
    }
}
