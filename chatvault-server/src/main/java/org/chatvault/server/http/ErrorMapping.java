package org.chatvault.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.chatvault.server.error.ApiException;
import org.chatvault.server.error.LoginThrottledException;
import org.chatvault.server.error.ErrorCode;
import org.chatvault.server.error.ObjectsUnreadableException;
import org.chatvault.core.format.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers: every error body is {@code {error, message}}
 * (docs/API.md). Anything unexpected is a 500 {@code internal} whose details stay in the log.
 */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    /** {@code ids} only for {@code object_unreadable}: which objects could not be read. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ErrorBody(String error, String message, java.util.List<String> ids) {}

    private ErrorMapping() {}

    static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() >= 500) log.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            else log.debug("{} {} refused: {} {}", ctx.method(), ctx.path(), e.code().code(), e.getMessage());
            if (e instanceof LoginThrottledException t) ctx.header("Retry-After", Long.toString(t.retryAfterSeconds()));
            if (e instanceof ObjectsUnreadableException u) respond(ctx, e.code(), e.getMessage(), u.ids().stream().map(ObjectId::hex).toList());
            else respond(ctx, e.code(), e.getMessage());
        });
        // Javalin's own refusals: no route (404) and the like.
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, fromStatus(e.getStatus()), describe(e.getStatus())));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, ErrorCode.INTERNAL, "the server failed to handle the request; the details are in its log");
        });
    }

    private static void respond(Context ctx, ErrorCode code, String message) {
        respond(ctx, code, message, null);
    }

    private static void respond(Context ctx, ErrorCode code, String message, java.util.List<String> ids) {
        if (ctx.res().isCommitted()) return; // a streamed answer already started; nothing sensible can follow it
        ctx.status(code.status()).json(new ErrorBody(code.code(), message, ids));
    }

    private static ErrorCode fromStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 401, 403 -> ErrorCode.UNAUTHORIZED;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
        };
    }

    private static String describe(int status) {
        return switch (status) {
            case 404, 405 -> "no such endpoint";
            case 413 -> "the request body is too large";
            case 415 -> "unsupported content type";
            default -> "the request was refused (HTTP " + status + ")";
        };
    }
}
