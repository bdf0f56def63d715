package org.chatvault.server.account;

import java.time.Instant;

/**
 * A token as stored: only its SHA-256 hash, so a leaked database grants no sessions.
 *
 * @param sessionId groups the tokens of one login so logout can end all of them
 * @param deviceId  the device the session belongs to, so revoking the device ends it; null for
 *                  sessions opened before devices existed
 */
public record TokenRecord(byte[] tokenHash, String accountId, String sessionId, TokenKind kind, Instant expiresAt, String deviceId) {
    /** A token of a session bound to no device. */
    public TokenRecord(byte[] tokenHash, String accountId, String sessionId, TokenKind kind, Instant expiresAt) {
        this(tokenHash, accountId, sessionId, kind, expiresAt, null);
    }
}
