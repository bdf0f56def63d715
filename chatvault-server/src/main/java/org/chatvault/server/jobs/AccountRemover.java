package org.chatvault.server.jobs;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatvault.server.account.AccountLifecycleStore;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.vault.ObjectIndex;
import org.chatvault.server.vault.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes deleted accounts for the {@link LifecycleJob}, a batch at a time: marks the unused ones
 * deleted (one transaction), deletes every pack blob of the batch, then purges all their rows (one
 * more). Blobs go before rows, so a crash leaves rows the next run finishes, never a blob nothing
 * points to; an account deleted already can no longer read, so no safety delay is owed.
 */
final class AccountRemover {
    private static final Logger log = LoggerFactory.getLogger(AccountRemover.class);

    /**
     * An account to remove.
     *
     * @param unusedSince the last activity the run saw, for an account found unused (it is marked only if
     *                    nothing used it since); null for one its owner deleted
     */
    record Removal(String accountId, String why, Instant unusedSince) {}

    private final AccountLifecycleStore accounts;
    private final ObjectIndex index;
    private final ObjectStore blobs;
    private final Clock clock;

    AccountRemover(AccountLifecycleStore accounts, ObjectIndex index, ObjectStore blobs, Clock clock) {
        this.accounts = accounts;
        this.index = index;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** What removing the account would remove (a dry run: reads only). */
    void plan(Removal r, LifecycleResult.Tally tally) {
        Usage usage = index.usage(r.accountId());
        long packs = 0, packBytes = 0;
        for (String key : accounts.packKeys(r.accountId())) {
            try {
                long size = blobs.size(key);
                if (size >= 0) {
                    packs++;
                    packBytes += size;
                }
            } catch (IOException e) {
                log.warn("could not measure pack {}", key, e);
            }
        }
        tally.removed(r.accountId(), r.why(), usage.objects(), usage.bytes(), packs, packBytes);
    }

    /** Removes a batch of accounts; counts only what this run removed itself, so concurrent runs' totals add up. */
    void remove(List<Removal> batch, LifecycleResult.Tally tally) {
        if (batch.isEmpty()) return;
        Map<String, Instant> unused = new HashMap<>();
        for (Removal r : batch) if (r.unusedSince() != null) unused.put(r.accountId(), r.unusedSince());
        Set<String> markedUnused = unused.isEmpty() ? Set.of() : accounts.requestDeletionIfUnusedSince(unused, clock.instant());
        Map<String, Removal> going = new LinkedHashMap<>();
        Map<String, List<String>> keysOf = new HashMap<>();
        Map<String, BlobTally> deleted = new HashMap<>();
        for (Removal r : batch) {
            if (r.unusedSince() != null && !markedUnused.contains(r.accountId())) continue; // used meanwhile, or gone already
            List<String> keys = accounts.packKeys(r.accountId());
            BlobTally blobsGone = new BlobTally();
            for (String key : keys) blobsGone.delete(key);
            deleted.put(r.accountId(), blobsGone);
            if (blobsGone.failed) { // rows stay, so the next run finds the blobs that are left
                tally.removedBlobs(blobsGone.packs, blobsGone.bytes);
                continue;
            }
            going.put(r.accountId(), r);
            keysOf.put(r.accountId(), keys);
        }
        Map<String, AccountLifecycleStore.PurgedAccount> purged = going.isEmpty() ? Map.of() : accounts.purgeDeleted(going.keySet());
        for (Removal r : going.values()) {
            BlobTally blobsGone = deleted.get(r.accountId());
            AccountLifecycleStore.PurgedAccount rows = purged.get(r.accountId());
            if (rows == null) { // a concurrent run purged the rows and counted the objects; the blobs this one deleted are its own
                tally.removedBlobs(blobsGone.packs, blobsGone.bytes);
                continue;
            }
            Set<String> seen = new HashSet<>(keysOf.get(r.accountId()));
            for (String key : rows.packKeys()) if (!seen.contains(key)) blobsGone.delete(key); // indexed meanwhile
            tally.removed(r.accountId(), r.why(), rows.objects(), rows.bytes(), blobsGone.packs, blobsGone.bytes);
            // Its audit log went with it: the record of the deletion is this line and the job's result.
            log.info("account {} removed, {}: {} objects ({} bytes), {} packs ({} bytes)", r.accountId(), r.why(), rows.objects(), rows.bytes(),
                    blobsGone.packs, blobsGone.bytes);
        }
        batch.clear();
    }

    /** Blobs one run deleted. */
    private final class BlobTally {
        long packs;
        long bytes;
        boolean failed;

        void delete(String key) {
            try {
                long size = blobs.size(key);
                if (size >= 0 && blobs.delete(key)) {
                    packs++;
                    bytes += size;
                }
            } catch (IOException e) {
                failed = true;
                log.warn("pack {} of a deleted account could not be deleted; the next lifecycle run tries again", key, e);
            }
        }
    }
}
