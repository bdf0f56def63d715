package org.chatvault.protocol.vault;

/**
 * The answer to {@code GET /v1/vault/head}: version 0 with a null root before the first commit;
 * {@code committedAt} epoch ms; {@code keptFrom} the first month (yyyymm) of history the account's
 * plan keeps now, 0 when it keeps everything. History of earlier months has expired under the plan
 * (the server deletes it, docs/FORMAT.md §8.1): devices neither upload nor expect it.
 *
 * @param keptFrom null only from a server that predates retention, which keeps everything
 */
public record VaultHead(long version, String root, Long committedAt, Integer keptFrom) {
    /** A head whose plan keeps everything. */
    public VaultHead(long version, String root, Long committedAt) {
        this(version, root, committedAt, 0);
    }

    /** {@link #keptFrom}, with 0 (everything) for a server that does not say. */
    public int keptFromMonth() { return keptFrom == null ? 0 : keptFrom; }
}
