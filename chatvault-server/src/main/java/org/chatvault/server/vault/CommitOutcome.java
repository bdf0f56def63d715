package org.chatvault.server.vault;

/** The result of {@link MetadataStore#commit}: exactly one of these, and only {@link Committed} changed anything. */
public sealed interface CommitOutcome {
    record Committed(long version) implements CommitOutcome {}

    /** The head had moved past the base version. */
    record Conflict(long currentVersion) implements CommitOutcome {}

    /** This many of root ∪ added are not indexed for the account. */
    record Missing(int count) implements CommitOutcome {}
}
