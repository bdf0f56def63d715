package org.chatvault.server.billing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Google Play as configured; null in {@link BillingConfig} when Play purchases are not accepted.
 *
 * @param packageName        the app's package name
 * @param serviceAccountKey  the JSON key file of the service account that reads and acknowledges purchases (a secret,
 *                           owner-only)
 * @param pushAudience       the audience the Pub/Sub push OIDC token must carry
 * @param pushServiceAccount the e-mail of the service account Pub/Sub signs pushes as
 * @param apiRoot            where the Play Developer API is ({@link #DEFAULT_API_ROOT}; another only for a proxy or tests)
 * @param pushCertificates   where Google publishes the keys that sign push tokens ({@link #DEFAULT_PUSH_CERTIFICATES})
 */
public record GooglePlaySettings(String packageName, Path serviceAccountKey, String pushAudience, String pushServiceAccount, URI apiRoot,
                                 URI pushCertificates) {
    public static final URI DEFAULT_API_ROOT = URI.create("https://androidpublisher.googleapis.com/");
    public static final URI DEFAULT_PUSH_CERTIFICATES = URI.create("https://www.googleapis.com/oauth2/v3/certs");

    public GooglePlaySettings {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(serviceAccountKey, "serviceAccountKey");
        Objects.requireNonNull(pushAudience, "pushAudience");
        Objects.requireNonNull(pushServiceAccount, "pushServiceAccount");
        if (apiRoot == null) apiRoot = DEFAULT_API_ROOT;
        if (pushCertificates == null) pushCertificates = DEFAULT_PUSH_CERTIFICATES;
    }

    /** Against Google's own endpoints. */
    public GooglePlaySettings(String packageName, Path serviceAccountKey, String pushAudience, String pushServiceAccount) {
        this(packageName, serviceAccountKey, pushAudience, pushServiceAccount, null, null);
    }
}
