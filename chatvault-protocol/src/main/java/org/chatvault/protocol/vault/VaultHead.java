package org.chatvault.protocol.vault;

/** The answer to {@code GET /v1/vault/head}: version 0 with a null root before the first commit; {@code committedAt} epoch ms. */
public record VaultHead(long version, String root, Long committedAt) {}
