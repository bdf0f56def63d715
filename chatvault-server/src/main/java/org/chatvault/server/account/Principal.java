package org.chatvault.server.account;

/** Who a request acts for, as proven by its access token. */
public record Principal(String accountId, String sessionId) {}
