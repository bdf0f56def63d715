package org.chatvault.protocol.vault;

import java.util.List;

/**
 * The answer to {@code GET /v1/usage}: what the account stores, what its plan allows, and what will expire when
 * (docs/API.md "Usage"). Times are epoch milliseconds; months are yyyymm; a null date does not apply.
 *
 * @param objects         objects held (dropped ones count until they are deleted)
 * @param bytes           their bytes: what the quota is measured against
 * @param packs           pack blobs holding them
 * @param packBytes       the size of those packs
 * @param version         the head version
 * @param plan            the plan whose allowance applies now
 * @param state           {@code free}, {@code paid} or {@code read_only} (the grace after a lapse: reads only)
 * @param paidUntil       the end of the paid time (the last one, once lapsed); null if never paid
 * @param storeGraceUntil the end of the store's billing grace while a renewal is failing; else null
 * @param readOnlyUntil   when the read-only grace after a lapse ends (if nothing renews); null if never paid
 * @param cutOn           when the account falls to the free allowance if nothing renews; null if never paid
 * @param keptFrom        the first month the plan keeps now; 0 when it keeps everything
 * @param byKind          objects and bytes per object kind
 * @param byMonth         objects and bytes per month, oldest first (bucket 0: structure objects retention never deletes)
 * @param expiries        the months that will be deleted if nothing renews, soonest first, each with when and why
 */
public record VaultUsage(long objects, long bytes, long packs, long packBytes, long version,
                         UsagePlan plan, String state, Long paidUntil, Long storeGraceUntil, Long readOnlyUntil, Long cutOn,
                         int keptFrom, List<UsageKind> byKind, List<UsageMonth> byMonth, List<UsageExpiry> expiries) {
    public static final String FREE = "free";
    public static final String PAID = "paid";
    public static final String READ_ONLY = "read_only";
}
