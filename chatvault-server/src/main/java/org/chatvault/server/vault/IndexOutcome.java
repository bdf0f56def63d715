package org.chatvault.server.vault;

/** What {@link ObjectIndex#indexPacksWithin} did. */
public sealed interface IndexOutcome {
    /** The packs were indexed. */
    record Indexed(IndexResult result) implements IndexOutcome {}

    /**
     * Nothing was indexed: the account would have held more than the limit.
     *
     * @param heldBytes   what the account held without this upload (concurrent uploads that came first included)
     * @param addingBytes what this upload would have added
     */
    record OverLimit(long heldBytes, long addingBytes) implements IndexOutcome {}
}
