package org.chatvault.server.http;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import org.chatvault.server.metrics.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every finished request in the metrics and the log: method, route template, status
 * and time. Never headers or bodies, which carry tokens, login secrets and ciphertext.
 */
final class RequestObserver implements RequestLogger {
    private static final Logger log = LoggerFactory.getLogger("org.chatvault.server.requests");

    private final ServerMetrics metrics;

    RequestObserver(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handle(Context ctx, Float millis) {
        String route = route(ctx);
        int status = ctx.statusCode();
        metrics.request(ctx.method().name(), route, status, (long) (millis * 1_000_000L));
        if (log.isDebugEnabled()) log.debug("method={} route={} status={} ms={}", ctx.method().name(), route, status, String.format("%.1f", millis));
    }

    private static String route(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? "unmatched" : e.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
