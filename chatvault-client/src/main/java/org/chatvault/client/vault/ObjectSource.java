package org.chatvault.client.vault;

import java.util.List;
import java.util.Set;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.protocol.vault.VaultHead;

/**
 * Where a vault's sealed objects and head come from: the server ({@link ServerObjects}) or an
 * archive file ({@code archive.ArchiveReader}). Restore, media restore and verify read through
 * this, so the same pipeline serves both.
 */
public interface ObjectSource {
    /** The head to read from (version 0 and no root for an empty vault). */
    VaultHead head();

    /** Which of {@code ids} this source does not hold. */
    Set<ObjectId> missing(List<ObjectId> ids);

    /**
     * Hands {@code sink} each of {@code ids} once, in any order.
     *
     * @throws ObjectsUnavailableException after handing over the others, naming those it does not hold (a file)
     * @throws org.chatvault.client.http.ServerRefusedException {@code object_not_found} or {@code object_unreadable}
     *         (naming the ids where it can) when the server cannot give some; {@link ObjectFetcher#openAvailable} works around both
     * @throws org.chatvault.client.ClientException when the source fails as a whole (network, file)
     */
    void fetch(List<ObjectId> ids, BatchFormat.FrameSink sink);
}
