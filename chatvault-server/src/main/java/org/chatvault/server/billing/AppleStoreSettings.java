package org.chatvault.server.billing;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The App Store as configured; null in {@link BillingConfig} when Apple purchases are not accepted.
 *
 * @param bundleId         the app's bundle id every signed payload must carry
 * @param appAppleId       the app's Apple id (required by Apple's verifier in production; null in the sandbox)
 * @param environment      {@code PRODUCTION} or {@code SANDBOX}; never the local-testing ones ({@code XCODE},
 *                         {@code LOCAL_TESTING}), for which Apple's verifier skips the signature check
 * @param rootCertificates DER or PEM files of the Apple roots the x5c chain must lead to
 * @param onlineChecks     whether the chain's certificates are checked for revocation with Apple's OCSP responder and
 *                         their validity at the time of the check (on in production); off, validity is checked at the
 *                         payload's own signing time and nothing is asked over the network (tests)
 */
public record AppleStoreSettings(String bundleId, Long appAppleId, String environment, List<Path> rootCertificates, boolean onlineChecks) {
    /** The environments a signature is checked in. */
    public static final Set<String> ENVIRONMENTS = Set.of("PRODUCTION", "SANDBOX");

    public AppleStoreSettings {
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(environment, "environment");
        rootCertificates = List.copyOf(rootCertificates);
        if (!ENVIRONMENTS.contains(environment))
            throw new IllegalArgumentException("the App Store environment must be PRODUCTION or SANDBOX, not " + environment);
        if (environment.equals("PRODUCTION") && appAppleId == null)
            throw new IllegalArgumentException("the app's Apple id is required in the PRODUCTION environment");
        if (rootCertificates.isEmpty()) throw new IllegalArgumentException("at least one Apple root certificate is required");
    }
}
