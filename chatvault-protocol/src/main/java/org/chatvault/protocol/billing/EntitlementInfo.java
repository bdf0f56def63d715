package org.chatvault.protocol.billing;

/**
 * What the account may do now. Times are epoch milliseconds; null where they do not apply.
 *
 * @param planId          the plan whose allowance applies
 * @param state           {@code free}, {@code paid} or {@code read_only} (lapsed: restore and export allowed, backup refused)
 * @param retention       how far back history is kept (ISO-8601 period), null for everything
 * @param paidUntil       the end of the paid time (renewals chained); the end of the last one if lapsed
 * @param storeGraceUntil the end of the store's billing grace while a renewal payment is retried
 * @param readOnlyUntil   when the read-only grace after a lapse ends, if nothing renews
 * @param cutOn           when the account falls to the free allowance (its retention and quota), if nothing renews
 */
public record EntitlementInfo(String planId, String planName, String state, boolean media, String retention, long quotaBytes,
                              Long paidUntil, Long storeGraceUntil, Long readOnlyUntil, Long cutOn) {}
