package org.chatvault.server.billing;

import java.time.Period;
import java.util.Objects;

/**
 * A tier of the service.
 *
 * @param id         stable name stored with subscriptions ({@code free}, {@code standard}, {@code forever})
 * @param name       shown to people
 * @param media      whether photos, videos and files may be stored (the free plan keeps text only)
 * @param retention  how far back history is kept, counted from now; null keeps everything
 * @param quotaBytes the most object bytes the account may hold
 */
public record Plan(String id, String name, boolean media, Period retention, long quotaBytes) {
    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (quotaBytes <= 0) throw new IllegalArgumentException("plan " + id + ": quota must be positive, not " + quotaBytes);
        if (retention != null && (retention.isNegative() || retention.isZero()))
            throw new IllegalArgumentException("plan " + id + ": retention must be positive, not " + retention);
    }

    public boolean keepsEverything() { return retention == null; }
}
