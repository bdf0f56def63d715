package org.chatvault.bench.e2e;

import java.time.Clock;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.config.UnlimitedBilling;

/**
 * The server as {@link ChatvaultServer#main} runs it (settings from {@code CHATVAULT_*}), but with a
 * free plan that keeps all history: the benchmarks back up years of generated history, which the
 * built-in free plan (the last 30 days) would leave out. Until the server can be given a catalog.
 */
public final class UnlimitedPlanServer {
    private UnlimitedPlanServer() {}

    public static void main(String[] args) {
        ChatvaultServer server = ChatvaultServer.start(ServerConfig.load(null, System.getenv()).withBilling(UnlimitedBilling.config()),
                Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chatvault-shutdown"));
    }
}
