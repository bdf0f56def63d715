package org.chatvault.protocol.billing;

/**
 * The body of {@code POST /v1/subscription/apple}: an App Store purchase as StoreKit hands it to the app.
 *
 * @param signedTransaction the transaction's JWS ({@code Transaction.jwsRepresentation}), signed by Apple
 */
public record AppleRedemption(String signedTransaction) {}
