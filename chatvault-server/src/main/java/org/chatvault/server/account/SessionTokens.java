package org.chatvault.server.account;

import java.time.Instant;

/** A fresh token pair, handed to the client once; the server keeps only hashes. */
public record SessionTokens(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt) {}
