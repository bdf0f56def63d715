package org.chatvault.server.account;

/** The answer to a registration. */
public record RegisteredAccount(String accountId, String username) {}
