package org.chatvault.protocol.vault;

/**
 * The headers of a {@code GET /v1/vault/archive} answer (docs/API.md "Archive"), whose body is an
 * object batch: which head the archive holds, and how many objects it does and does not.
 */
public final class ArchiveHeaders {
    /** The head version; 0 for an empty vault. */
    public static final String HEAD_VERSION = "Chatvault-Head-Version";
    /** The head's root manifest id; absent for an empty vault. */
    public static final String HEAD_ROOT = "Chatvault-Head-Root";
    /** When the head was committed, UTC milliseconds; absent for an empty vault. */
    public static final String HEAD_COMMITTED_AT = "Chatvault-Head-Committed-At";
    /** How many objects the batch holds. */
    public static final String OBJECTS = "Chatvault-Archive-Objects";
    /** Only when objects were left out because the server cannot read their pack: how many. */
    public static final String UNREADABLE = "Chatvault-Archive-Unreadable";

    private ArchiveHeaders() {}
}
