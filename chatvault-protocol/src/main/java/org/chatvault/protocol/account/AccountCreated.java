package org.chatvault.protocol.account;

/** The answer to {@code POST /v1/accounts} (201). */
public record AccountCreated(String accountId, String username) {}
