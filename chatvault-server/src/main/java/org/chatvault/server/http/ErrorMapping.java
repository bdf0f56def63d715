package org.chatvault.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.error.ErrorBody;
import org.chatvault.protocol.error.ErrorCode;
import org.chatvault.protocol.signing.RequestSignature;
import org.chatvault.server.abuse.AbuseException;
import org.chatvault.server.account.AccountException;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.google.PushRejected;
import org.chatvault.server.signing.SigningException;
import org.chatvault.server.device.DeviceException;
import org.chatvault.server.vault.VaultRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers: every error body is {@code {error, message}}
 * (docs/API.md). Each feature's sealed exception family is switched over exhaustively, so a new
 * kind of refusal without a wire code does not compile. Anything unexpected is a 500
 * {@code internal} whose details stay in the log.
 */
final class ErrorMapping {
    private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    static void install(RoutesConfig routes) {
        routes.exception(AccountException.class, (e, ctx) -> {
            if (e instanceof AccountException.LoginThrottled t) ctx.header("Retry-After", Long.toString(t.retryAfterSeconds()));
            refuse(ctx, code(e), e.getMessage(), null);
        });
        routes.exception(AbuseException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            refuse(ctx, code(e), e.getMessage(), null);
        });
        routes.exception(VaultRequestException.class, (e, ctx) -> refuse(ctx, code(e), e.getMessage(),
                e instanceof VaultRequestException.ObjectsUnreadable u ? u.ids().stream().map(ObjectId::hex).toList() : null));
        routes.exception(SigningException.class, (e, ctx) -> {
            // The server's own clock (not Jetty's Date), for a client whose clock is off to sign again with.
            if (e instanceof SigningException.SignatureStale s)
                ctx.header(RequestSignature.SERVER_TIME_HEADER, Long.toString(s.serverTime().toEpochMilli()));
            refuse(ctx, code(e), e.getMessage(), null);
        });
        routes.exception(DeviceException.class, (e, ctx) -> refuse(ctx, code(e), e.getMessage(), null));
        routes.exception(BillingException.class, (e, ctx) -> {
            if (e instanceof BillingException.ProviderUnavailable) log.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e.getCause());
            refuse(ctx, code(e), e.getMessage(), null);
        });
        // issue 11: google
        routes.exception(PushRejected.class, (e, ctx) -> refuse(ctx, ErrorCode.UNAUTHORIZED, e.getMessage(), null));
        routes.exception(RequestException.class, (e, ctx) -> refuse(ctx, code(e), e.getMessage(), null));
        // Javalin's own refusals: no route (404) and the like.
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, fromStatus(e.getStatus()), describe(e.getStatus()), null));
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, ErrorCode.INTERNAL, "the server failed to handle the request; the details are in its log", null);
        });
    }

    static ErrorCode code(AccountException e) {
        return switch (e) {
            case AccountException.InvalidUsername x -> ErrorCode.INVALID_USERNAME;
            case AccountException.InvalidLoginSecret x -> ErrorCode.BAD_REQUEST;
            case AccountException.InvalidVaultPublicKey x -> ErrorCode.BAD_REQUEST;
            case AccountException.UsernameTaken x -> ErrorCode.USERNAME_TAKEN;
            case AccountException.BadCredentials x -> ErrorCode.INVALID_CREDENTIALS;
            case AccountException.LoginThrottled x -> ErrorCode.TOO_MANY_ATTEMPTS;
            case AccountException.Unauthorized x -> ErrorCode.UNAUTHORIZED;
            case AccountException.TokenExpired x -> ErrorCode.TOKEN_EXPIRED;
            case AccountException.InvalidKeySlot x -> ErrorCode.BAD_REQUEST;
            case AccountException.KeySlotNotFound x -> ErrorCode.NOT_FOUND;
            case AccountException.LastRecoverySlot x -> ErrorCode.LAST_RECOVERY_SLOT;
            case AccountException.AccountDeleted x -> ErrorCode.ACCOUNT_DELETED;
            case AccountException.InvalidInactivityPeriod x -> ErrorCode.BAD_REQUEST;
        };
    }

    static ErrorCode code(BillingException e) {
        return switch (e) {
            case BillingException.InvalidPurchase x -> ErrorCode.INVALID_PURCHASE;
            case BillingException.AlreadyRedeemed x -> ErrorCode.PURCHASE_ALREADY_REDEEMED;
            case BillingException.UnknownProduct x -> ErrorCode.UNKNOWN_PRODUCT;
            case BillingException.NotConfigured x -> ErrorCode.BILLING_NOT_CONFIGURED;
            case BillingException.ProviderUnavailable x -> ErrorCode.BILLING_UNAVAILABLE;
        };
    }

    static ErrorCode code(SigningException e) {
        return switch (e) {
            case SigningException.SignatureRequired x -> ErrorCode.SIGNATURE_REQUIRED;
            case SigningException.SignatureInvalid x -> ErrorCode.SIGNATURE_INVALID;
            case SigningException.SignatureStale x -> ErrorCode.SIGNATURE_STALE;
            case SigningException.SignatureReplayed x -> ErrorCode.SIGNATURE_REPLAYED;
            case SigningException.SigningKeyMissing x -> ErrorCode.SIGNING_KEY_MISSING;
        };
    }

    static ErrorCode code(DeviceException e) {
        return switch (e) {
            case DeviceException.NotFound x -> ErrorCode.NOT_FOUND;
            case DeviceException.Invalid x -> ErrorCode.BAD_REQUEST;
            case DeviceException.Revoked x -> ErrorCode.DEVICE_REVOKED;
            case DeviceException.NoPendingApproval x -> ErrorCode.NO_PENDING_APPROVAL;
        };
    }

    static ErrorCode code(AbuseException e) {
        return switch (e) {
            case AbuseException.RateLimited x -> ErrorCode.TOO_MANY_ATTEMPTS;
            case AbuseException.ServerBusy x -> ErrorCode.SERVER_BUSY;
        };
    }

    static ErrorCode code(VaultRequestException e) {
        return switch (e) {
            case VaultRequestException.HeadConflict x -> ErrorCode.HEAD_CONFLICT;
            case VaultRequestException.ObjectsMissing x -> ErrorCode.OBJECTS_MISSING;
            case VaultRequestException.ObjectsUnreadable x -> ErrorCode.OBJECT_UNREADABLE;
            case VaultRequestException.ObjectsNotFound x -> ErrorCode.OBJECT_NOT_FOUND;
            case VaultRequestException.ObjectTooLarge x -> ErrorCode.OBJECT_TOO_LARGE;
            case VaultRequestException.MalformedBatch x -> ErrorCode.MALFORMED_BATCH;
            case VaultRequestException.TruncatedBatch x -> ErrorCode.TRUNCATED_BATCH;
            case VaultRequestException.TooManyObjects x -> ErrorCode.TOO_MANY_IDS;
            case VaultRequestException.InvalidBucket x -> ErrorCode.INVALID_BUCKET;
            case VaultRequestException.InvalidCommit x -> ErrorCode.BAD_REQUEST;
            case VaultRequestException.VaultReadOnly x -> ErrorCode.VAULT_READ_ONLY;
            case VaultRequestException.PlanExcludesMedia x -> ErrorCode.PLAN_EXCLUDES_MEDIA;
            case VaultRequestException.QuotaExceeded x -> ErrorCode.QUOTA_EXCEEDED;
        };
    }

    static ErrorCode code(RequestException e) {
        return switch (e) {
            case RequestException.BadRequest x -> ErrorCode.BAD_REQUEST;
            case RequestException.MalformedJson x -> ErrorCode.MALFORMED_JSON;
            case RequestException.MalformedId x -> ErrorCode.MALFORMED_ID;
            case RequestException.TooManyIds x -> ErrorCode.TOO_MANY_IDS;
            case RequestException.BodyTooLarge x -> ErrorCode.BODY_TOO_LARGE;
            case RequestException.UnsupportedMediaType x -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        };
    }

    private static void refuse(Context ctx, ErrorCode code, String message, List<String> ids) {
        log.debug("{} {} refused: {} {}", ctx.method(), ctx.path(), code.code(), message);
        respond(ctx, code, message, ids);
    }

    private static void respond(Context ctx, ErrorCode code, String message, List<String> ids) {
        if (ctx.res().isCommitted()) return; // a streamed answer already started; nothing sensible can follow it
        ctx.status(code.status()).json(new ErrorBody(code.code(), message, ids));
    }

    /** The code for a status that Javalin or Jetty chose; statuses without a code of their own share the nearest general one. */
    static ErrorCode fromStatus(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 401, 403 -> ErrorCode.UNAUTHORIZED;
            case 404, 405 -> ErrorCode.NOT_FOUND;
            case 413 -> ErrorCode.BODY_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            case 501 -> ErrorCode.NOT_IMPLEMENTED;
            case 503 -> ErrorCode.UNAVAILABLE;
            case 505 -> ErrorCode.HTTP_VERSION_NOT_SUPPORTED;
            default -> status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
        };
    }

    static String describe(int status) {
        return switch (status) {
            case 400 -> "the request is malformed";
            case 404, 405 -> "no such endpoint";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 415 -> "unsupported content type";
            case 431 -> "the request headers are too large";
            case 501 -> "the server does not implement what the request needs";
            case 503 -> "the server is stopping or not ready; try again shortly";
            case 505 -> "the HTTP version is not supported; use HTTP/1.1";
            default -> "the request was refused (HTTP " + status + ")";
        };
    }
}
