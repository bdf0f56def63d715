package org.chatvault.protocol.vault;

import java.util.List;

/**
 * A month the lifecycle will delete if nothing renews.
 *
 * @param at     epoch ms of the first lifecycle run that deletes it (now, if it is due)
 * @param reason {@code plan}: it leaves the window of the plan in force; {@code cut}: the subscription ends and the
 *               free plan, which keeps less, follows the grace period
 */
public record UsageExpiry(int month, long at, String reason, long objects, long bytes, List<UsageKind> byKind) {
    public static final String PLAN = "plan";
    public static final String CUT = "cut";
}
