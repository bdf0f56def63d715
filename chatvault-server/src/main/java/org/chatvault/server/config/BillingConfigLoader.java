package org.chatvault.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.Catalogs;
import org.chatvault.server.billing.UnmeteredPlans;

/**
 * Reads the {@code billing.*} settings: the grace period and the catalog file here, each store's
 * settings in its own loader ({@link AppleConfigLoader}, {@link GoogleConfigLoader}, {@link DirectReceiptConfigLoader}).
 */
final class BillingConfigLoader {
    static final String GRACE_PERIOD = "billing.grace-period";
    static final String CATALOG_FILE = "billing.catalog-file";
    /** {@code catalog} (the default: the catalog file or the built-in one) or {@code unmetered} (a server that sells nothing). */
    static final String PLANS = "billing.plans";
    static final List<String> KEYS = Stream.of(Stream.of(GRACE_PERIOD, CATALOG_FILE, PLANS), AppleConfigLoader.KEYS.stream(),
            GoogleConfigLoader.KEYS.stream(), DirectReceiptConfigLoader.KEYS.stream()).flatMap(s -> s).toList();

    private BillingConfigLoader() {}

    static BillingConfig load(ConfigSource source) {
        BillingConfig d = BillingConfig.defaults();
        Catalogs catalogs = d.catalogs();
        boolean unmetered = source.get(PLANS, false, BillingConfigLoader::parsePlans);
        if (unmetered && source.isSet(CATALOG_FILE))
            throw new ConfigException(source.sourceOf(PLANS) + " is 'unmetered', which sells nothing, but " + source.sourceOf(CATALOG_FILE)
                    + " names a catalog; set one of the two");
        if (unmetered) catalogs = UnmeteredPlans.catalogs();
        if (source.isSet(CATALOG_FILE)) {
            Path file = source.get(CATALOG_FILE, null, ServerConfigLoader.path("the catalog's JSON file"));
            catalogs = CatalogFile.read(file, source.sourceOf(CATALOG_FILE));
        }
        return new BillingConfig(catalogs,
                source.get(GRACE_PERIOD, d.gracePeriod(), BillingConfigLoader::parseGrace),
                AppleConfigLoader.load(source), GoogleConfigLoader.load(source), DirectReceiptConfigLoader.load(source));
    }

    /** Whether the plans are unmetered. */
    private static boolean parsePlans(String s) {
        return switch (s) {
            case "catalog" -> false;
            case "unmetered" -> true;
            default -> throw new IllegalArgumentException("is neither 'catalog' nor 'unmetered'");
        };
    }

    private static java.time.Duration parseGrace(String s) {
        java.time.Duration d = ServerConfigLoader.parseDuration(s);
        if (d.isNegative()) throw new IllegalArgumentException("must not be negative");
        return d;
    }

}
