package org.chatvault.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.store.Readiness;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics}, outside {@code /v1} and without a
 * token, for load balancers and Prometheus.
 */
final class OpsHandlers {
    record Health(String status) {}

    /** The error shape of every other endpoint. */
    record NotReady(String error, String message) {}

    private final ServerMetrics metrics;
    private final Readiness readiness;

    OpsHandlers(ServerMetrics metrics, Readiness readiness) {
        this.metrics = metrics;
        this.readiness = readiness;
    }

    void health(Context ctx) {
        ctx.json(new Health("ok"));
    }

    /** 200 only while the metadata database and the object store both answer. */
    void ready(Context ctx) {
        readiness.unreachable().ifPresentOrElse(
                problem -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(new NotReady("not_ready", problem)),
                () -> ctx.json(new Health("ready")));
    }

    void metrics(Context ctx) {
        ctx.contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
    }
}
