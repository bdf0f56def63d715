package org.chatvault.server.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.chatvault.core.format.ObjectId;
import org.chatvault.server.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves objects into a new pack: copies their bodies (blob first), then re-points their rows in
 * one metadata transaction. A row that changed between the two steps is skipped, so a blob
 * whose rows all changed is deleted again; a crash between them leaves only an unindexed blob.
 */
public final class PackMover {
    private static final Logger log = LoggerFactory.getLogger(PackMover.class);

    /**
     * @param pack  the pack written; its bytes were copied whether or not rows moved into it
     * @param moved the ids whose rows now point into it (empty: the pack was deleted again)
     */
    public record Outcome(MovedPack pack, Set<ObjectId> moved) {}

    private final ObjectIndex metadata;
    private final ObjectStore blobs;
    private final PackCopier copier;
    private final Clock clock;

    private final PackTiering tiering;

    public PackMover(ObjectIndex metadata, ObjectStore blobs, Path tmpDir, Clock clock) {
        this(metadata, blobs, tmpDir, clock, PackTiering.NONE);
    }

    /** @param tiering which new packs are written to the object store's cold tier */
    public PackMover(ObjectIndex metadata, ObjectStore blobs, Path tmpDir, Clock clock, PackTiering tiering) {
        this.metadata = metadata;
        this.blobs = blobs;
        this.copier = new PackCopier(blobs, tmpDir, tiering);
        this.clock = clock;
        this.tiering = tiering;
    }

    public Outcome move(String accountId, int bucket, List<ObjectLocation> objects) throws IOException {
        Instant now = clock.instant();
        MovedPack pack = copier.copy(accountId, bucket, objects, now);
        Set<ObjectId> moved;
        try {
            moved = metadata.relocateObjects(accountId, pack, clock.instant());
        } catch (RuntimeException e) {
            deleteQuietly(pack.storageKey()); // not indexed, so invisible
            throw e;
        }
        if (moved.isEmpty()) deleteQuietly(pack.storageKey());
        else if (tiering.cold(bucket, pack.length(), now)) recordCold(accountId, pack.packId());
        return new Outcome(pack, moved);
    }

    private void recordCold(String accountId, String packId) {
        try {
            tiering.recordCold(accountId, List.of(packId));
        } catch (RuntimeException e) {
            log.warn("account {}: pack {} written cold but not recorded so; the tiering job will copy it once more", accountId, packId, e);
        }
    }

    private void deleteQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete unused pack {}; it holds no indexed object and can be removed by hand", key, e);
        }
    }
}
