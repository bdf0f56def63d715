package org.chatvault.server.http;

import io.javalin.http.Context;
import org.chatvault.protocol.error.ErrorBody;
import org.chatvault.protocol.error.ErrorCode;
import org.chatvault.protocol.ops.Health;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.storage.Readiness;

/**
 * {@code /healthz}, {@code /readyz} and {@code /metrics}, outside {@code /v1} and without a
 * token, for load balancers and Prometheus.
 */
record OpsHandlers(ServerMetrics metrics, Readiness readiness) {
    void health(Context ctx) {
        ctx.json(new Health("ok"));
    }

    /** 200 only while the metadata database and the object store both answer. */
    void ready(Context ctx) {
        readiness.unreachable().ifPresentOrElse(
                problem -> ctx.status(ErrorCode.NOT_READY.status()).json(new ErrorBody(ErrorCode.NOT_READY.code(), problem)),
                () -> ctx.json(new Health("ready")));
    }

    void metrics(Context ctx) {
        ctx.contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
    }
}
