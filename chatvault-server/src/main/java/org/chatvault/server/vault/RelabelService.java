package org.chatvault.server.vault;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.server.account.Principal;
import org.chatvault.server.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves content objects into another time bucket (docs/FORMAT.md §16: an old file sent again
 * takes the newer month). Packs hold one bucket, so the bodies are copied, as ciphertext, into
 * a new pack of the target bucket and the rows re-pointed there; the old copies stay where they
 * were until the repack and sweep jobs retire them after the safety delay, so a fetch planned
 * before the move still finds its bytes.
 */
public final class RelabelService {
    private static final Logger log = LoggerFactory.getLogger(RelabelService.class);
    /** Largest pack one relabel writes; more objects than that make several packs. */
    static final long MAX_PACK_BYTES = 64L * 1024 * 1024;
    /**
     * Rounds of copying before giving up on objects that a concurrent relabel or repack keeps
     * moving first; each round only retries the objects that moved under it.
     */
    private static final int MAX_ROUNDS = 3;

    /**
     * @param relabelled objects that were in an older bucket and now are in the requested one
     * @param unchanged  objects already in the requested bucket or a newer one
     */
    public record Result(int relabelled, int unchanged) {}

    private final ObjectIndex metadata;
    private final PackMover mover;
    private final VaultPolicy policy;

    /** Without plan limits: for tools that work outside any plan. */
    public RelabelService(ObjectIndex metadata, ObjectStore blobs, Path tmpDir, Clock clock) {
        this(metadata, blobs, tmpDir, clock, VaultPolicy.unmetered());
    }

    /** @param policy refuses relabels during the read-only grace after a lapse */
    public RelabelService(ObjectIndex metadata, ObjectStore blobs, Path tmpDir, Clock clock, VaultPolicy policy) {
        this.policy = policy;
        this.metadata = metadata;
        this.mover = new PackMover(metadata, blobs, tmpDir, clock);
    }

    /**
     * Moves the account's objects {@code ids} that are in an older bucket into {@code bucket}.
     * Buckets only go up: an object keeps the month of its newest use, so a client may ask for
     * every object it reuses without knowing where each one is now. Idempotent. Checks every id
     * before moving any, so a refused request changes nothing.
     *
     * @throws VaultRequestException {@code invalid_bucket} if {@code bucket} is not a month or an object is
     *                      of a structure kind; {@code object_not_found} if the account does not hold one;
     *                      {@code vault_read_only} during the read-only grace after a lapse
     */
    public Result relabel(Principal p, int bucket, List<ObjectId> ids) throws IOException {
        policy.requireWritable(p.accountId());
        if (!BatchFormat.isMonth(bucket))
            throw new VaultRequestException.InvalidBucket("bucket " + bucket + " is not a month yyyymm from 197001 to 999912");
        Set<ObjectId> wanted = new LinkedHashSet<>(ids);
        Map<ObjectId, ObjectLocation> found = metadata.locateObjects(p.accountId(), wanted);
        int absent = wanted.size() - found.size();
        if (absent > 0)
            throw new VaultRequestException.ObjectsNotFound(absent, "objects to relabel");
        long structure = found.values().stream().filter(o -> !o.kind().bucketed()).count();
        if (structure > 0)
            throw new VaultRequestException.InvalidBucket(structure + " of the objects " + (structure == 1 ? "is a structure object" : "are structure objects")
                    + ", which carry no bucket");
        List<ObjectLocation> toMove = new ArrayList<>();
        for (ObjectId id : wanted) {
            ObjectLocation at = found.get(id);
            if (at.bucket() < bucket) toMove.add(at);
        }
        moveAll(p.accountId(), bucket, toMove);
        if (!toMove.isEmpty()) log.debug("account {} relabelled {} objects into bucket {}", p.accountId(), toMove.size(), bucket);
        return new Result(toMove.size(), wanted.size() - toMove.size());
    }

    private void moveAll(String accountId, int bucket, List<ObjectLocation> objects) throws IOException {
        List<ObjectLocation> pending = objects;
        for (int round = 1; !pending.isEmpty(); round++) {
            Set<ObjectId> left = new LinkedHashSet<>();
            for (List<ObjectLocation> chunk : PackCopier.packsOfAtMost(pending, MAX_PACK_BYTES)) {
                Set<ObjectId> moved = mover.move(accountId, bucket, chunk).moved();
                for (ObjectLocation o : chunk) if (!moved.contains(o.id())) left.add(o.id());
            }
            if (left.isEmpty()) return;
            // Rows that changed under the copy: moved by a repack (copy again from where they
            // are now), moved into this bucket by a concurrent relabel (done), or purged (gone).
            pending = metadata.locateObjects(accountId, left).values().stream().filter(o -> o.bucket() < bucket).toList();
            if (!pending.isEmpty() && round == MAX_ROUNDS)
                throw new IllegalStateException(pending.size() + " objects of account " + accountId + " kept moving during a relabel");
        }
    }
}
