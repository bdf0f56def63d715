package org.chatvault.protocol.error;

import java.util.Optional;

/**
 * The error codes of docs/API.md, each with the HTTP status it always comes with. The status
 * lives here, beside the code, because the pair is the contract: a client may branch on either,
 * docs and the OpenAPI document list them together, and the server's error mapping only has to
 * choose a code for each failure, never a status.
 */
public enum ErrorCode {
    BAD_REQUEST(400, "bad_request"),
    MALFORMED_JSON(400, "malformed_json"),
    MALFORMED_ID(400, "malformed_id"),
    MALFORMED_BATCH(400, "malformed_batch"),
    TRUNCATED_BATCH(400, "truncated_batch"),
    INVALID_USERNAME(400, "invalid_username"),
    INVALID_BUCKET(400, "invalid_bucket"),
    /** A store receipt, signed transaction or purchase token that does not verify (issue 11). */
    INVALID_PURCHASE(400, "invalid_purchase"),
    UNAUTHORIZED(401, "unauthorized"),
    TOKEN_EXPIRED(401, "token_expired"),
    INVALID_CREDENTIALS(401, "invalid_credentials"),
    SIGNATURE_REQUIRED(403, "signature_required"),
    SIGNATURE_INVALID(403, "signature_invalid"),
    SIGNATURE_STALE(403, "signature_stale"),
    SIGNATURE_REPLAYED(403, "signature_replayed"),
    SIGNING_KEY_MISSING(403, "signing_key_missing"),
    DEVICE_REVOKED(403, "device_revoked"),
    /** The subscription lapsed: during the grace period the vault can be read (restore, export, archive) but not changed. */
    VAULT_READ_ONLY(403, "vault_read_only"),
    /** The account's plan stores text only. */
    PLAN_EXCLUDES_MEDIA(403, "plan_excludes_media"),
    NOT_FOUND(404, "not_found"),
    /** The account's owner deleted it: logins are refused, and its storage goes in the next lifecycle run (issue 11). */
    ACCOUNT_DELETED(410, "account_deleted"),
    OBJECT_NOT_FOUND(404, "object_not_found"),
    OBJECT_UNREADABLE(404, "object_unreadable"),
    USERNAME_TAKEN(409, "username_taken"),
    HEAD_CONFLICT(409, "head_conflict"),
    LAST_RECOVERY_SLOT(409, "last_recovery_slot"),
    NO_PENDING_APPROVAL(409, "no_pending_approval"),
    /** The store transaction was redeemed already (by this or another account); each is redeemed once. */
    PURCHASE_ALREADY_REDEEMED(409, "purchase_already_redeemed"),
    BODY_TOO_LARGE(413, "body_too_large"),
    TOO_MANY_IDS(413, "too_many_ids"),
    OBJECT_TOO_LARGE(413, "object_too_large"),
    /** Storing the upload would take the account past its plan's quota; the message gives usage and limit. */
    QUOTA_EXCEEDED(413, "quota_exceeded"),
    URI_TOO_LONG(414, "uri_too_long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    OBJECTS_MISSING(422, "objects_missing"),
    /** A verified purchase of a product the catalog does not sell. */
    UNKNOWN_PRODUCT(422, "unknown_product"),
    TOO_MANY_ATTEMPTS(429, "too_many_attempts"),
    HEADERS_TOO_LARGE(431, "headers_too_large"),
    INTERNAL(500, "internal"),
    NOT_IMPLEMENTED(501, "not_implemented"),
    /** The operator did not configure this billing provider on this server. */
    BILLING_NOT_CONFIGURED(501, "billing_not_configured"),
    UNAVAILABLE(503, "unavailable"),
    /** The store (App Store, Play) could not be asked; try again later. */
    BILLING_UNAVAILABLE(503, "billing_unavailable"),
    SERVER_BUSY(503, "server_busy"),
    NOT_READY(503, "not_ready"),
    HTTP_VERSION_NOT_SUPPORTED(505, "http_version_not_supported");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** The HTTP status every answer with this code has. */
    public int status() { return status; }

    /** The wire name, the {@code error} field of {@link ErrorBody}. */
    public String code() { return code; }

    /** The code with this wire name; empty for a code this side does not know (a newer peer's). */
    public static Optional<ErrorCode> fromWire(String code) {
        for (ErrorCode c : values()) if (c.code.equals(code)) return Optional.of(c);
        return Optional.empty();
    }
}
