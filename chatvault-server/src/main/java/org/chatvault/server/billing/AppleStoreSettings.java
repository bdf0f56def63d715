package org.chatvault.server.billing;

import java.nio.file.Path;
import java.util.List;

/**
 * The App Store as configured; null in {@link BillingConfig} when Apple purchases are not accepted.
 *
 * @param bundleId         the app's bundle id every signed payload must carry
 * @param appAppleId       the app's Apple id (required by Apple's verifier in production)
 * @param environment      {@code PRODUCTION} or {@code SANDBOX}; never the local-testing ones, which skip the signature check
 * @param rootCertificates DER or PEM files of the Apple roots the x5c chain must lead to
 */
public record AppleStoreSettings(String bundleId, Long appAppleId, String environment, List<Path> rootCertificates) {}
