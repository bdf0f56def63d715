package org.chatvault.protocol.billing;

/**
 * What one store product costs and which plan it buys.
 *
 * @param provider    {@code apple}, {@code google} or {@code direct}
 * @param productId   the store's product id, as the app offers it
 * @param period      {@code month} or {@code year}: how long one payment buys
 * @param amountMinor the price in the currency's minor unit (fen for CNY)
 * @param currency    ISO 4217 code
 */
public record PriceInfo(String planId, String provider, String productId, String period, long amountMinor, String currency) {}
