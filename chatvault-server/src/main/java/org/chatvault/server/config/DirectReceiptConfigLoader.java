package org.chatvault.server.config;

import java.nio.file.Path;
import java.util.List;
import org.chatvault.server.billing.DirectReceiptSettings;
import org.chatvault.server.billing.direct.ReceiptKeys;

/**
 * Reads the {@code billing.direct.*} settings; null when they are absent (the store's purchases are not accepted).
 * The public key is read here, so a missing or wrong key stops the server at start with one line.
 */
final class DirectReceiptConfigLoader {
    static final String PUBLIC_KEY = "billing.direct.public-key";
    static final String ISSUER = "billing.direct.issuer";
    /** What {@code chatvault billing issue-receipt} writes as {@code iss} unless told otherwise. */
    static final String DEFAULT_ISSUER = "chatvault-billing";
    static final List<String> KEYS = List.of(PUBLIC_KEY, ISSUER);

    private DirectReceiptConfigLoader() {}

    static DirectReceiptSettings load(ConfigSource source) {
        if (!source.isSet(PUBLIC_KEY)) {
            if (source.isSet(ISSUER))
                throw new ConfigException(source.sourceOf(ISSUER) + " is set but '" + PUBLIC_KEY + "' is not: direct receipts need the public key they verify with");
            return null;
        }
        Path key = source.get(PUBLIC_KEY, null, ServerConfigLoader.path("the PEM public key file"));
        String issuer = source.get(ISSUER, DEFAULT_ISSUER, s -> {
            if (s.isEmpty()) throw new IllegalArgumentException("is empty; give the iss your billing system writes");
            return s;
        });
        try {
            ReceiptKeys.readPublicKey(key);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(source.sourceOf(PUBLIC_KEY) + ": " + e.getMessage(), e);
        }
        return new DirectReceiptSettings(key, issuer);
    }

}
