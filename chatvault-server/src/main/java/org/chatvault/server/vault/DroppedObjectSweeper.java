package org.chatvault.server.vault;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chatvault.server.store.MetadataStore;
import org.chatvault.server.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes objects that commits dropped more than the safety delay ago: their index rows, and
 * the pack blobs left holding nothing. The delay exists because a restore that read the old
 * head may still be fetching them. Idempotent; safe to run any time.
 *
 * <p>Index rows go first, in one transaction; blobs after. A crash in between leaves an
 * unreferenced blob (wasted space, never a dangling index entry).
 */
public final class DroppedObjectSweeper {
    private static final Logger log = LoggerFactory.getLogger(DroppedObjectSweeper.class);
    private static final int ACCOUNTS_PER_PAGE = 100;

    public record Result(int accounts, int packsDeleted) {}

    private final MetadataStore metadata;
    private final ObjectStore blobs;
    private final Clock clock;
    private final Duration safetyDelay;

    public DroppedObjectSweeper(MetadataStore metadata, ObjectStore blobs, Clock clock, Duration safetyDelay) {
        this.metadata = metadata;
        this.blobs = blobs;
        this.clock = clock;
        this.safetyDelay = safetyDelay;
    }

    public Result sweep() {
        Instant cutoff = clock.instant().minus(safetyDelay);
        int accounts = 0;
        int packs = 0;
        while (true) {
            List<String> page = metadata.accountsWithDroppedObjects(cutoff, ACCOUNTS_PER_PAGE);
            if (page.isEmpty()) break;
            for (String accountId : page) {
                for (String key : metadata.purgeDroppedObjects(accountId, cutoff)) {
                    try {
                        blobs.delete(key);
                        packs++;
                    } catch (IOException e) {
                        log.warn("pack {} of account {} is no longer indexed but could not be deleted", key, accountId, e);
                    }
                }
                accounts++;
            }
        }
        if (accounts > 0) log.info("deleted dropped objects of {} accounts older than {}, {} packs removed", accounts, cutoff, packs);
        return new Result(accounts, packs);
    }
}
