package org.chatvault.server.billing;

import java.nio.file.Path;

/**
 * Receipts signed by the operator's billing system; null in {@link BillingConfig} when not accepted.
 *
 * @param publicKey the PEM public key receipts must verify with
 * @param issuer    the {@code iss} they must carry
 */
public record DirectReceiptSettings(Path publicKey, String issuer) {}
