package org.chatvault.server.account;

import java.time.Instant;

/**
 * A fresh token pair, handed to the client once; the server keeps only hashes.
 *
 * @param accountId        the account the tokens act for (a signed request names it)
 * @param issuedAt         the server's time when it issued them, which a client signs with if its own clock is off
 * @param deviceId         the device the session belongs to
 * @param deviceCredential the credential issued to a device created by this login, to present at
 *                         its next logins; null when the login attached to a known device, and on refresh
 */
public record SessionTokens(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt,
                            String accountId, Instant issuedAt, String deviceId, String deviceCredential) {}
