package org.chatvault.server.config;

import java.util.List;
import java.util.stream.Stream;
import org.chatvault.server.billing.BillingConfig;

/**
 * Reads the {@code billing.*} settings: the grace period here, each store's settings in its own
 * loader ({@link AppleConfigLoader}, {@link GoogleConfigLoader}, {@link DirectReceiptConfigLoader}).
 */
final class BillingConfigLoader {
    static final String GRACE_PERIOD = "billing.grace-period";
    static final List<String> KEYS = Stream.of(Stream.of(GRACE_PERIOD), AppleConfigLoader.KEYS.stream(), GoogleConfigLoader.KEYS.stream(),
            DirectReceiptConfigLoader.KEYS.stream()).flatMap(s -> s).toList();

    private BillingConfigLoader() {}

    static BillingConfig load(ConfigSource source) {
        BillingConfig d = BillingConfig.defaults();
        return new BillingConfig(d.catalogs(),
                source.get(GRACE_PERIOD, d.gracePeriod(), ServerConfigLoader::parseDuration),
                AppleConfigLoader.load(source), GoogleConfigLoader.load(source), DirectReceiptConfigLoader.load(source));
    }
}
