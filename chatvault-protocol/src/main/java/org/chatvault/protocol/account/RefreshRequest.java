package org.chatvault.protocol.account;

/** {@code POST /v1/sessions/refresh}: the refresh token to trade (it is single-use). */
public record RefreshRequest(String refreshToken) {}
