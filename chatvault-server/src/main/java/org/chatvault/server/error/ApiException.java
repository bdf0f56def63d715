package org.chatvault.server.error;

import java.util.Objects;

/**
 * A request the server refuses, with the {@link ErrorCode} and a message safe to show the
 * client. Services throw it; the HTTP layer maps every one to {@code {error, message}} in one
 * place. No stack trace is captured: these are expected outcomes, not bugs, and some (401, 404)
 * are frequent.
 */
public class ApiException extends RuntimeException {
    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() { return code; }

    public int status() { return code.status(); }
}
