package org.chatvault.protocol.vault;

/** The answer to a commit: the new head version. */
public record CommitResult(long version) {}
