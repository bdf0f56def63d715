package org.chatvault.server.billing;

import java.nio.file.Path;

/**
 * Google Play as configured; null in {@link BillingConfig} when Play purchases are not accepted.
 *
 * @param packageName       the app's package name
 * @param serviceAccountKey the JSON key file of the service account that reads and acknowledges purchases (a secret)
 * @param pushAudience      the audience the Pub/Sub push OIDC token must carry
 * @param pushServiceAccount the e-mail of the service account Pub/Sub signs pushes as
 */
public record GooglePlaySettings(String packageName, Path serviceAccountKey, String pushAudience, String pushServiceAccount) {}
