package org.chatvault.protocol.vault;

/** The answer to {@code GET /v1/usage}: live objects and their bytes, packs and their bytes on disk, the head version. */
public record VaultUsage(long objects, long bytes, long packs, long packBytes, long version) {}
