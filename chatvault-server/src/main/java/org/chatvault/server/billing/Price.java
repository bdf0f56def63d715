package org.chatvault.server.billing;

import java.util.Objects;

/**
 * What one store product costs and which plan it buys.
 *
 * @param productId   the store's product id (App Store product id, Play subscription product id, or the
 *                    operator's own for direct receipts); unique per provider within a catalog version
 * @param amountMinor the price in the currency's minor unit (fen for CNY)
 */
public record Price(String planId, Provider provider, String productId, BillingPeriod period, long amountMinor, String currency) {
    public Price {
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(currency, "currency");
        if (amountMinor < 0) throw new IllegalArgumentException("price of " + productId + " must not be negative");
    }
}
