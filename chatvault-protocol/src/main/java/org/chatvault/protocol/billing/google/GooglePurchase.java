package org.chatvault.protocol.billing.google;

/**
 * {@code POST /v1/subscription/google}: what the app got from Google Play Billing after a purchase.
 *
 * @param purchaseToken the purchase's token ({@code Purchase.getPurchaseToken()})
 * @param productId     the subscription product bought; optional, checked against the purchase when given
 */
public record GooglePurchase(String purchaseToken, String productId) {}
