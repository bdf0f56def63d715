package org.chatvault.protocol.billing;

/**
 * One store purchase chain linked to the account; never its token, receipt or signed payload.
 * Times are epoch milliseconds.
 *
 * @param status {@code active}, {@code canceled}, {@code store_grace}, {@code on_hold}, {@code expired},
 *               {@code refunded} or {@code revoked}
 */
public record SubscriptionInfo(String id, String provider, String productId, String planId, String status, long startedAt,
                               long paidUntil, Long storeGraceUntil, Long endedAt) {}
