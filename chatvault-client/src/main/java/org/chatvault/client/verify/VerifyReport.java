package org.chatvault.client.verify;

import java.util.List;
import org.chatvault.client.sync.ExpiredHistory;
import org.chatvault.core.format.RetentionHorizon;

/**
 * What verify checked and every problem it found, each naming where it is; and, apart from
 * damage, what this device holds that is not backed up yet ({@code pending}, per conversation), and
 * what expired under the plan ({@code expired}, per conversation; docs/FORMAT.md §8.1): neither damage
 * nor pending, and not checked, since the server deletes it as announced; {@code horizon} is the
 * month below which everything expired ({@link RetentionHorizon#NONE} when nothing did).
 */
public record VerifyReport(long version, int conversations, long segments, long messages, long mediaFiles, long mediaObjectsRead,
                           long bytes, List<String> problems, List<Pending> pending, List<ExpiredHistory> expired,
                           RetentionHorizon horizon) {
    public VerifyReport {
        problems = List.copyOf(problems);
        pending = List.copyOf(pending);
        expired = List.copyOf(expired);
    }

    /** The vault's objects are all there and intact. */
    public boolean ok() { return problems.isEmpty(); }

    /** Nothing on this device is waiting to be backed up. */
    public boolean upToDate() { return pending.isEmpty(); }
}
