package org.chatvault.server.billing.apple;

import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.apple.itunes.storekit.verification.VerificationException;
import com.apple.itunes.storekit.verification.VerificationStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.chatvault.server.billing.AppleStoreSettings;
import org.chatvault.server.billing.BillingException;

/**
 * Apple's own {@link SignedDataVerifier} over the configured roots, bundle id and environment: the ES256
 * signature, the x5c chain of exactly leaf, intermediate and root (each carrying Apple's marker OID) to a
 * configured root, the bundle id, the app's Apple id (production) and the environment. Every failure is
 * one {@link BillingException.InvalidPurchase} whose message names what failed and never repeats the payload.
 */
final class AppleSignedData {
    /** Apple's payloads are a few kilobytes; a longer one is refused before it is parsed. */
    static final int MAX_LENGTH = 64 * 1024;

    private final SignedDataVerifier verifier;

    AppleSignedData(AppleStoreSettings settings) {
        Set<InputStream> roots = new HashSet<>();
        for (Path file : settings.rootCertificates()) {
            try {
                roots.add(new ByteArrayInputStream(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Apple root certificate " + file, e);
            }
        }
        this.verifier = new SignedDataVerifier(roots, settings.bundleId(), settings.appAppleId(), Environment.valueOf(settings.environment()),
                settings.onlineChecks());
    }

    JWSTransactionDecodedPayload transaction(String jws) {
        checkShape(jws, "signed transaction");
        try {
            return verifier.verifyAndDecodeTransaction(jws);
        } catch (VerificationException e) {
            throw refused("signed transaction", e);
        }
    }

    JWSRenewalInfoDecodedPayload renewalInfo(String jws) {
        checkShape(jws, "signed renewal info");
        try {
            return verifier.verifyAndDecodeRenewalInfo(jws);
        } catch (VerificationException e) {
            throw refused("signed renewal info", e);
        }
    }

    ResponseBodyV2DecodedPayload notification(String jws) {
        checkShape(jws, "notification");
        try {
            return verifier.verifyAndDecodeNotification(jws);
        } catch (VerificationException e) {
            throw refused("notification", e);
        }
    }

    private static void checkShape(String jws, String what) {
        if (jws == null || jws.isEmpty()) throw new BillingException.InvalidPurchase("the " + what + " is missing");
        if (jws.length() > MAX_LENGTH) throw new BillingException.InvalidPurchase("the " + what + " is longer than " + MAX_LENGTH + " characters");
    }

    private static BillingException refused(String what, VerificationException e) {
        // Only the online certificate status check fails in a way worth retrying; the rest is the payload's fault.
        if (e.getStatus() == VerificationStatus.RETRYABLE_VERIFICATION_FAILURE)
            return new BillingException.ProviderUnavailable("Apple's certificate status could not be checked; try again", e);
        String why = switch (e.getStatus()) {
            case INVALID_APP_IDENTIFIER -> "is for another app";
            case INVALID_ENVIRONMENT -> "is for another App Store environment";
            case INVALID_CHAIN_LENGTH, INVALID_CERTIFICATE, INVALID_CHAIN -> "is not signed by a certificate chain to Apple's root";
            default -> "does not verify";
        };
        return new BillingException.InvalidPurchase("the " + what + " " + why, e);
    }
}
