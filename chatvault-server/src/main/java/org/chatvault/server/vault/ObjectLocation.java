package org.chatvault.server.vault;

import java.time.Instant;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;

/**
 * Where an indexed object's body lives.
 *
 * @param packId    the pack holding it; with {@code offset}, what a move checks to know the row did not change meanwhile
 * @param droppedAt when a commit stopped referencing it, or null while it is live
 */
public record ObjectLocation(ObjectId id, ObjectKind kind, int bucket, String packId, String storageKey, long offset, int length,
                             Instant droppedAt) {

    /** The same object described with another bucket, as it will be once moved into a pack of that bucket. */
    public ObjectLocation withBucket(int newBucket) {
        return new ObjectLocation(id, kind, newBucket, packId, storageKey, offset, length, droppedAt);
    }
}
