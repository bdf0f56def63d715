package org.chatvault.core.format;

/**
 * The month below which a vault's history expired under the account's plan (docs/FORMAT.md §8.1):
 * the server deletes content objects of earlier buckets without reading them, so devices neither
 * upload those months again nor expect them, and a restore names them as expired rather than lost.
 * A horizon only moves up: what expired stays expired in the vault (a device keeps its own copy).
 *
 * @param keptFrom  first month (yyyymm) still kept; 0 when nothing expired
 * @param learntAt  epoch ms when a device first saw the server announce this month (0 with no horizon)
 */
public record RetentionHorizon(int keptFrom, long learntAt) {
    public static final RetentionHorizon NONE = new RetentionHorizon(0, 0);

    public RetentionHorizon {
        if (keptFrom != 0 && !Months.isValid(keptFrom))
            throw new IllegalArgumentException("retention horizon " + keptFrom + " is not a yyyymm month from 1970 to 9999");
        if (keptFrom == 0 && learntAt != 0) throw new IllegalArgumentException("no horizon, but learnt at " + learntAt);
    }

    public boolean isNone() { return keptFrom == 0; }

    /** Whether history of {@code month} (yyyymm) has expired. Bucket 0 (structure objects) never expires. */
    public boolean expired(int month) { return month != 0 && month < keptFrom; }

    /** The segments of months still kept, in their order. */
    public java.util.List<SegmentRef> kept(java.util.List<SegmentRef> segments) {
        return isNone() ? segments : segments.stream().filter(s -> !expired(s.month())).toList();
    }

    /** Whether a message sent at {@code epochMillis} lies in an expired month. */
    public boolean expiredAt(long epochMillis) { return keptFrom != 0 && Months.of(epochMillis) < keptFrom; }

    /**
     * This horizon after the server announced {@code serverKeptFrom} (0: everything) at {@code now}:
     * a later month moves it up, learnt now; an earlier one (a plan that keeps more again) leaves it,
     * since what expired was deleted.
     */
    public RetentionHorizon advancedTo(int serverKeptFrom, long now) {
        return serverKeptFrom > keptFrom ? new RetentionHorizon(serverKeptFrom, now) : this;
    }

    /** The later of two horizons; of equal months, the one learnt first. */
    public RetentionHorizon merge(RetentionHorizon other) {
        if (other.keptFrom != keptFrom) return other.keptFrom > keptFrom ? other : this;
        return other.learntAt < learntAt ? other : this;
    }
}
