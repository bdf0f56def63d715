package org.chatvault.server.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.Catalogs;

/**
 * Reads the {@code billing.*} settings: the grace period and the catalog file here, each store's
 * settings in its own loader ({@link AppleConfigLoader}, {@link GoogleConfigLoader}, {@link DirectReceiptConfigLoader}).
 */
final class BillingConfigLoader {
    static final String GRACE_PERIOD = "billing.grace-period";
    static final String CATALOG_FILE = "billing.catalog-file";
    static final List<String> KEYS = Stream.of(Stream.of(GRACE_PERIOD, CATALOG_FILE), AppleConfigLoader.KEYS.stream(),
            GoogleConfigLoader.KEYS.stream(), DirectReceiptConfigLoader.KEYS.stream()).flatMap(s -> s).toList();

    private BillingConfigLoader() {}

    static BillingConfig load(ConfigSource source) {
        BillingConfig d = BillingConfig.defaults();
        Catalogs catalogs = d.catalogs();
        if (source.isSet(CATALOG_FILE)) {
            Path file = source.get(CATALOG_FILE, null, BillingConfigLoader::parsePath);
            catalogs = CatalogFile.read(file, source.sourceOf(CATALOG_FILE));
        }
        return new BillingConfig(catalogs,
                source.get(GRACE_PERIOD, d.gracePeriod(), BillingConfigLoader::parseGrace),
                AppleConfigLoader.load(source), GoogleConfigLoader.load(source), DirectReceiptConfigLoader.load(source));
    }

    private static java.time.Duration parseGrace(String s) {
        java.time.Duration d = ServerConfigLoader.parseDuration(s);
        if (d.isNegative()) throw new IllegalArgumentException("must not be negative");
        return d;
    }

    private static Path parsePath(String s) {
        if (s.isEmpty()) throw new IllegalArgumentException("is empty; give the catalog's JSON file");
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("is not a valid path");
        }
    }
}
