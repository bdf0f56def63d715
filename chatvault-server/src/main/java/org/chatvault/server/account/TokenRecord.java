package org.chatvault.server.account;

import java.time.Instant;

/**
 * A token as stored: only its SHA-256 hash, so a leaked database grants no sessions.
 *
 * @param sessionId groups the tokens of one login so logout can end all of them
 */
public record TokenRecord(byte[] tokenHash, String accountId, String sessionId, TokenKind kind, Instant expiresAt) {}
