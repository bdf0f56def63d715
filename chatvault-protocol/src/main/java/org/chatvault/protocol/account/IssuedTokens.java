package org.chatvault.protocol.account;

/**
 * The answer to a login or a refresh: bearer tokens and their expiry, in epoch milliseconds, the
 * account they act for (signed requests name it, docs/API.md "Signed requests"), and the server's
 * time when it answered, so a client whose clock is off can still sign with the server's time.
 */
public record IssuedTokens(String accessToken, long accessExpiresAt, String refreshToken, long refreshExpiresAt,
                           String accountId, long serverTime) {}
