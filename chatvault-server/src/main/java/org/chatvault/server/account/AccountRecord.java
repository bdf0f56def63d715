package org.chatvault.server.account;

import java.time.Instant;

/**
 * @param usernameKey the username lower-cased: usernames are unique case-insensitively
 * @param username    as the user typed it at registration
 */
public record AccountRecord(String accountId, String username, String usernameKey, LoginHash loginHash, Instant createdAt) {}
