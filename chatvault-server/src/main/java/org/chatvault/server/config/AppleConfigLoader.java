package org.chatvault.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chatvault.server.billing.AppleStoreSettings;

/**
 * Reads the {@code billing.apple.*} settings; null when none is set (App Store purchases are not accepted).
 * Once one is set, the bundle id, the environment and the root certificates are required: a server that
 * half-accepts Apple purchases would refuse every one of them with a confusing message.
 */
final class AppleConfigLoader {
    static final String BUNDLE_ID = "billing.apple.bundle-id";
    static final String APP_APPLE_ID = "billing.apple.app-apple-id";
    static final String ENVIRONMENT = "billing.apple.environment";
    static final String ROOT_CERTIFICATES = "billing.apple.root-certificates";
    static final String ONLINE_CHECKS = "billing.apple.online-checks";
    static final List<String> KEYS = List.of(BUNDLE_ID, APP_APPLE_ID, ENVIRONMENT, ROOT_CERTIFICATES, ONLINE_CHECKS);

    private AppleConfigLoader() {}

    static AppleStoreSettings load(ConfigSource source) {
        if (KEYS.stream().noneMatch(source::isSet)) return null;
        String why = "when any billing.apple setting is given";
        for (String key : List.of(BUNDLE_ID, ENVIRONMENT, ROOT_CERTIFICATES)) source.require(key, why);
        String environment = source.get(ENVIRONMENT, null, AppleConfigLoader::parseEnvironment);
        Long appAppleId = source.get(APP_APPLE_ID, null, AppleConfigLoader::parseAppAppleId);
        if (environment.equals("PRODUCTION") && appAppleId == null) source.require(APP_APPLE_ID, "when " + ENVIRONMENT + " is PRODUCTION");
        return new AppleStoreSettings(
                source.get(BUNDLE_ID, null, AppleConfigLoader::parseBundleId),
                appAppleId,
                environment,
                source.get(ROOT_CERTIFICATES, null, AppleConfigLoader::parseRootCertificates),
                source.get(ONLINE_CHECKS, true, AppleConfigLoader::parseBoolean));
    }

    /** Only the environments whose payloads Apple signs: for XCODE and LOCAL_TESTING its verifier checks no signature at all. */
    static String parseEnvironment(String s) {
        String upper = s.toUpperCase(Locale.ROOT).replace('-', '_');
        if (upper.equals("XCODE") || upper.equals("LOCAL_TESTING"))
            throw new IllegalArgumentException("is refused: payloads of that environment are not signed by Apple and would be accepted "
                    + "unchecked; use PRODUCTION or SANDBOX");
        if (!AppleStoreSettings.ENVIRONMENTS.contains(upper)) throw new IllegalArgumentException("is not one of PRODUCTION, SANDBOX");
        return upper;
    }

    private static Long parseAppAppleId(String s) {
        try {
            long id = Long.parseLong(s);
            if (id > 0) return id;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("is not the app's Apple id (a positive whole number, shown in App Store Connect)");
    }

    private static String parseBundleId(String s) {
        if (!s.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+")) throw new IllegalArgumentException("is not a bundle id such as com.example.app");
        return s;
    }

    /** Comma-separated files, each read now so a missing or wrong file stops the start with its name. */
    private static List<Path> parseRootCertificates(String s) {
        List<Path> files = new ArrayList<>();
        for (String part : s.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) continue;
            Path file = Path.of(name);
            try (InputStream in = Files.newInputStream(file)) {
                CertificateFactory.getInstance("X.509").generateCertificate(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("names " + file + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
            } catch (CertificateException e) {
                throw new IllegalArgumentException("names " + file + ", which is not an X.509 certificate (DER or PEM)");
            }
            files.add(file);
        }
        if (files.isEmpty()) throw new IllegalArgumentException("names no file; give Apple's root certificate (AppleRootCA-G3.cer)");
        return files;
    }

    private static boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("is not true or false");
        };
    }
}
