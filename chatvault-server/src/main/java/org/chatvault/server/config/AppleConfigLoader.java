package org.chatvault.server.config;

import java.util.List;
import org.chatvault.server.billing.AppleStoreSettings;

/** Reads the {@code billing.apple.*} settings; null when they are absent (the store's purchases are not accepted). */
final class AppleConfigLoader {
    static final List<String> KEYS = List.of();

    private AppleConfigLoader() {}

    static AppleStoreSettings load(ConfigSource source) {
        return null;
    }
}
