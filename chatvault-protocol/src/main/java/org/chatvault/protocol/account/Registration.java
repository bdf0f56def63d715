package org.chatvault.protocol.account;

/**
 * {@code POST /v1/accounts}: a username, the base64 login secret derived from the password, and
 * the base64 public half (32 bytes) of the vault signing key the client derived from its new
 * master key (docs/FORMAT.md §2). The server verifies every vault request against that key.
 */
public record Registration(String username, String loginSecret, String vaultPublicKey) {}
