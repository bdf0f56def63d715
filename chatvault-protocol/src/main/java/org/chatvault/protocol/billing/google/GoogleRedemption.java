package org.chatvault.protocol.billing.google;

/**
 * The answer to {@code POST /v1/subscription/google}: the subscription the purchase is linked to, as Google Play
 * reports it now; times in epoch milliseconds. It never repeats the purchase token.
 *
 * @param subscriptionId  the server's id of the subscription
 * @param status          {@code active}, {@code canceled} (paid, not renewing), {@code store_grace}, {@code on_hold},
 *                        {@code expired}, {@code refunded} or {@code revoked}
 * @param storeGraceUntil the end of Play's billing grace while a renewal payment is retried; null otherwise
 */
public record GoogleRedemption(String subscriptionId, String productId, String planId, String status, long startedAt, long paidUntil,
                               Long storeGraceUntil) {}
