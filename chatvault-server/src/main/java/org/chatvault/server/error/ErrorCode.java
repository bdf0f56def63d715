package org.chatvault.server.error;

/** The error codes of docs/API.md with their HTTP status; the wire name is {@link #code()}. */
public enum ErrorCode {
    BAD_REQUEST(400, "bad_request"),
    MALFORMED_JSON(400, "malformed_json"),
    MALFORMED_ID(400, "malformed_id"),
    MALFORMED_BATCH(400, "malformed_batch"),
    TRUNCATED_BATCH(400, "truncated_batch"),
    INVALID_USERNAME(400, "invalid_username"),
    INVALID_BUCKET(400, "invalid_bucket"),
    UNAUTHORIZED(401, "unauthorized"),
    TOKEN_EXPIRED(401, "token_expired"),
    INVALID_CREDENTIALS(401, "invalid_credentials"),
    NOT_FOUND(404, "not_found"),
    OBJECT_NOT_FOUND(404, "object_not_found"),
    OBJECT_UNREADABLE(404, "object_unreadable"),
    USERNAME_TAKEN(409, "username_taken"),
    HEAD_CONFLICT(409, "head_conflict"),
    BODY_TOO_LARGE(413, "body_too_large"),
    TOO_MANY_IDS(413, "too_many_ids"),
    OBJECT_TOO_LARGE(413, "object_too_large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
    OBJECTS_MISSING(422, "objects_missing"),
    TOO_MANY_ATTEMPTS(429, "too_many_attempts"),
    INTERNAL(500, "internal");

    private final int status;
    private final String code;

    ErrorCode(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }

    public String code() { return code; }
}
