package org.chatvault.client.restore;

import java.time.Duration;
import java.util.List;
import org.chatvault.client.sync.ExpiredHistory;
import org.chatvault.core.format.RetentionHorizon;

/**
 * What a restore did. Times count from the start: {@code firstScreen} (null when the vault was
 * empty), {@code allText} (every readable message in place), {@code searchable} (every message in
 * the search index). Byte counts are ciphertext fetched in this run (a resumed restore does not
 * refetch). {@code unrestored} lists history the vault could not give back (missing or damaged
 * objects); everything else was restored. {@code expired} names, per conversation, the history that
 * expired under the plan (docs/FORMAT.md §8.1): not restored, and not damage either; {@code horizon}
 * is the month below which everything expired ({@link RetentionHorizon#NONE} when nothing did), which
 * also covers history the vault never held because the plan did not keep it when it was backed up.
 * {@code conversationIds} are the conversations whose text this restore brought (all, or those asked for).
 */
public record RestoreReport(long version, int conversations, long messages, long segmentsFetched, Duration firstScreen,
                            long bytesBeforeFirstScreen, Duration allText, long bytesFetched, Duration searchable,
                            List<Unrestored> unrestored, List<ExpiredHistory> expired, RetentionHorizon horizon,
                            List<String> conversationIds) {
    public RestoreReport {
        conversationIds = List.copyOf(conversationIds);
        unrestored = List.copyOf(unrestored);
        expired = List.copyOf(expired);
    }

    public boolean complete() { return unrestored.isEmpty(); }
}
