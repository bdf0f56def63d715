package org.chatvault.server.account;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Where an account stands in its lifecycle.
 *
 * @param lastActiveAt      the last authenticated activity recorded (written at most about once an hour), or the creation time
 * @param inactivityMonths  after how many months without activity the account is deleted: one of {@link #INACTIVITY_CHOICES}
 * @param deletionRequestedAt when the owner deleted the account (or it was found idle); null while it lives
 */
public record AccountStanding(String accountId, Instant lastActiveAt, int inactivityMonths, Instant deletionRequestedAt) {
    /** The periods an owner may choose, in months. */
    public static final java.util.List<Integer> INACTIVITY_CHOICES = java.util.List.of(1, 3, 6, 12);
    public static final int DEFAULT_INACTIVITY_MONTHS = 12;

    /** When the account is deleted if nobody uses it before then. */
    public Instant deleteIfUnusedAt() {
        return lastActiveAt.atZone(ZoneOffset.UTC).plusMonths(inactivityMonths).toInstant();
    }

    /** Deleted by its owner, or due for deletion at {@code t} for want of use. */
    public boolean deletedBy(Instant t) {
        return deletionRequestedAt != null || !t.isBefore(deleteIfUnusedAt());
    }
}
