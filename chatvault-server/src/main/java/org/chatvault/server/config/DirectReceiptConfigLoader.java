package org.chatvault.server.config;

import java.util.List;
import org.chatvault.server.billing.DirectReceiptSettings;

/** Reads the {@code billing.direct.*} settings; null when they are absent (the store's purchases are not accepted). */
final class DirectReceiptConfigLoader {
    static final List<String> KEYS = List.of();

    private DirectReceiptConfigLoader() {}

    static DirectReceiptSettings load(ConfigSource source) {
        return null;
    }
}
