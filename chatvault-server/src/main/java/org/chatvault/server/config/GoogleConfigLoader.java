package org.chatvault.server.config;

import java.util.List;
import java.util.regex.Pattern;
import org.chatvault.server.billing.GooglePlaySettings;

/**
 * Reads the {@code billing.google.*} settings; null when none is set (Play purchases are not accepted). Setting any
 * of them means the operator wants Play: then the package name, the service account key and both push settings are
 * required, since a server that redeems purchases but cannot hear of refunds would keep paying out for them.
 * The key file itself is read (and checked to be owner-only) when the server starts.
 */
final class GoogleConfigLoader {
    static final String PACKAGE_NAME = "billing.google.package-name";
    static final String SERVICE_ACCOUNT_KEY = "billing.google.service-account-key";
    static final String PUSH_AUDIENCE = "billing.google.push-audience";
    static final String PUSH_SERVICE_ACCOUNT = "billing.google.push-service-account";
    static final String API_ROOT = "billing.google.api-root";
    static final String PUSH_CERTIFICATES = "billing.google.push-certificates";
    static final List<String> KEYS = List.of(PACKAGE_NAME, SERVICE_ACCOUNT_KEY, PUSH_AUDIENCE, PUSH_SERVICE_ACCOUNT, API_ROOT, PUSH_CERTIFICATES);
    private static final List<String> REQUIRED = List.of(PACKAGE_NAME, SERVICE_ACCOUNT_KEY, PUSH_AUDIENCE, PUSH_SERVICE_ACCOUNT);

    /** Android application ids: two or more dot-separated segments, each starting with a letter. */
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private GoogleConfigLoader() {}

    static GooglePlaySettings load(ConfigSource source) {
        if (KEYS.stream().noneMatch(source::isSet)) return null;
        for (String key : REQUIRED) source.require(key, "when Google Play purchases are configured (any billing.google.* setting is set)");
        return new GooglePlaySettings(
                source.get(PACKAGE_NAME, null, GoogleConfigLoader::parsePackage),
                source.get(SERVICE_ACCOUNT_KEY, null, ServerConfigLoader.path("the path of the service account's JSON key file")),
                source.get(PUSH_AUDIENCE, null, GoogleConfigLoader::nonEmpty),
                source.get(PUSH_SERVICE_ACCOUNT, null, GoogleConfigLoader::parseEmail),
                source.get(API_ROOT, null, ServerConfigLoader::parseHttpUrl),
                source.get(PUSH_CERTIFICATES, null, ServerConfigLoader::parseHttpUrl));
    }

    private static String parsePackage(String s) {
        if (!PACKAGE.matcher(s).matches()) throw new IllegalArgumentException("is not an Android package name such as com.example.chat");
        return s;
    }

    private static String nonEmpty(String s) {
        if (s.isEmpty()) throw new IllegalArgumentException("is empty; give the audience set on the Pub/Sub push subscription");
        return s;
    }

    private static String parseEmail(String s) {
        if (!EMAIL.matcher(s).matches()) throw new IllegalArgumentException("is not a service account e-mail address");
        return s;
    }
}
