package org.chatvault.client.vault;

import org.chatvault.core.format.ObjectCodec;

/**
 * An unlocked vault to restore from: where its objects come from and codecs to open them. A
 * {@code Session} reads the server; an {@code archive.ArchiveVault} reads an archive file with no
 * server at all.
 */
public interface VaultReader {
    ObjectSource objects();

    /** A fresh codec; codecs are not thread-safe, so each worker takes its own. */
    ObjectCodec newCodec();
}
