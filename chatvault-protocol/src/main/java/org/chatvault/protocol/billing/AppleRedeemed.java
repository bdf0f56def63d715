package org.chatvault.protocol.billing;

/**
 * The answer to {@code POST /v1/subscription/apple}: the subscription the purchase is linked to.
 * Times are epoch milliseconds (UTC).
 *
 * @param status          {@code active}, {@code canceled}, {@code store_grace}, {@code on_hold}, {@code expired},
 *                        {@code refunded} or {@code revoked}
 * @param storeGraceUntil the end of the App Store's billing grace; null when none
 * @param endedAt         when a refund or revocation ended it; null otherwise
 */
public record AppleRedeemed(String subscriptionId, String planId, String productId, String status, long startedAt, long paidUntil,
                            Long storeGraceUntil, Long endedAt) {}
