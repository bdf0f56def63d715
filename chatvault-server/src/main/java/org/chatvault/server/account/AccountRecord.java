package org.chatvault.server.account;

import java.time.Instant;

/**
 * @param usernameKey the username lower-cased: usernames are unique case-insensitively
 * @param username    as the user typed it at registration
 * @param vaultPublicKey the Ed25519 public key of the vault signing key (32 bytes); null for an
 *                    account created before signed requests, which then cannot use its vault
 */
public record AccountRecord(String accountId, String username, String usernameKey, LoginHash loginHash, Instant createdAt,
                            byte[] vaultPublicKey) {}
