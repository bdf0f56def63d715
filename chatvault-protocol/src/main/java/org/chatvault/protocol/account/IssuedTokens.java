package org.chatvault.protocol.account;

/** The answer to a login or a refresh: bearer tokens and their expiry, in epoch milliseconds. */
public record IssuedTokens(String accessToken, long accessExpiresAt, String refreshToken, long refreshExpiresAt) {}
