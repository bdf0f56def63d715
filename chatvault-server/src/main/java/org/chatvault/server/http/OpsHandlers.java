package org.chatvault.server.http;

import io.javalin.http.Context;
import org.chatvault.protocol.ops.Health;
import org.chatvault.server.metrics.ServerMetrics;

/** {@code /healthz} and {@code /metrics}, outside {@code /v1} and without a token, for load balancers and Prometheus. */
final class OpsHandlers {
    private final ServerMetrics metrics;

    OpsHandlers(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    void health(Context ctx) {
        ctx.json(new Health("ok"));
    }

    void metrics(Context ctx) {
        ctx.contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
    }
}
