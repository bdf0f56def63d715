package org.chatvault.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.chatvault.server.vault.ColdTierPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code s3.cold-*}: off by default, read from the file and the environment, refused in one line when wrong. */
class ColdTierConfigTest {
    private static final Map<String, String> S3 = Map.of("CHATVAULT_STORAGE_OBJECTS", "s3", "CHATVAULT_S3_BUCKET", "packs",
            "CHATVAULT_S3_ACCESS_KEY", "AKIAEXAMPLE", "CHATVAULT_S3_SECRET_KEY", "wJalrXUtnFEMI");
    @TempDir Path dir;

    private static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> m = new HashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) m.put(keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private static ColdTierPolicy coldTier(Map<String, String> env) {
        return ServerConfig.load(null, env).objects().coldTier();
    }

    @Test
    void offUnlessAClassIsSetAndNeverOnTheFilesystem() {
        assertThat(coldTier(S3)).isNull();
        assertThat(coldTier(Map.of())).isNull();
        assertThat(ServerConfig.defaults().objects().coldTier()).isNull();
    }

    @Test
    void theClassAloneTakesTheDefaults() {
        assertThat(coldTier(with(S3, "CHATVAULT_S3_COLD_STORAGE_CLASS", "standard_ia")))
                .isEqualTo(new ColdTierPolicy("STANDARD_IA", 6, 128 * 1024));
    }

    @Test
    void everySettingFromTheFileAndTheEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("s3.properties"), """
                storage.objects = s3
                s3.bucket = chatvault-packs
                s3.access-key = AKIAEXAMPLE
                s3.secret-key = wJalrXUtnFEMI
                s3.cold-storage-class = GLACIER_IR
                s3.cold-after-months = 12
                s3.cold-min-pack-size = 1MiB
                """);
        assertThat(ServerConfig.load(file, Map.of()).objects().coldTier()).isEqualTo(new ColdTierPolicy("GLACIER_IR", 12, 1L << 20));
        assertThat(ServerConfig.load(file, Map.of("CHATVAULT_S3_COLD_AFTER_MONTHS", "3")).objects().coldTier().afterMonths()).isEqualTo(3);
    }

    @Test
    void classesThatCannotBeReadAtOnceAreRefusedSayingWhy() {
        for (String archive : new String[] {"GLACIER", "DEEP_ARCHIVE"}) {
            assertThatThrownBy(() -> coldTier(with(S3, "CHATVAULT_S3_COLD_STORAGE_CLASS", archive))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("CHATVAULT_S3_COLD_STORAGE_CLASS").hasMessageContaining("restored")
                    .hasMessageContaining("GLACIER_IR").hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> coldTier(with(S3, "CHATVAULT_S3_COLD_STORAGE_CLASS", "STANDARD")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not colder");
        assertThatThrownBy(() -> coldTier(with(S3, "CHATVAULT_S3_COLD_STORAGE_CLASS", "FREEZER")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'FREEZER' is not an S3 storage class")
                .hasMessageContaining("STANDARD_IA");
        assertThatThrownBy(() -> coldTier(with(S3, "CHATVAULT_S3_COLD_STORAGE_CLASS", "OUTPOSTS")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("general-purpose bucket");
    }

    @Test
    void badAgesAndSizesNameTheSetting() {
        Map<String, String> ia = with(S3, "CHATVAULT_S3_COLD_STORAGE_CLASS", "STANDARD_IA");
        for (String months : new String[] {"0", "-1", "six", "1201"}) {
            assertThatThrownBy(() -> coldTier(with(ia, "CHATVAULT_S3_COLD_AFTER_MONTHS", months))).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("CHATVAULT_S3_COLD_AFTER_MONTHS");
        }
        assertThatThrownBy(() -> coldTier(with(ia, "CHATVAULT_S3_COLD_MIN_PACK_SIZE", "big"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHATVAULT_S3_COLD_MIN_PACK_SIZE").hasMessageContaining("size");
    }

    @Test
    void anAgeWithoutAClassOrOnTheFilesystemIsAMistake() {
        assertThatThrownBy(() -> coldTier(with(S3, "CHATVAULT_S3_COLD_AFTER_MONTHS", "6"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHATVAULT_S3_COLD_AFTER_MONTHS").hasMessageContaining("s3.cold-storage-class is not");
        assertThatThrownBy(() -> coldTier(Map.of("CHATVAULT_S3_COLD_STORAGE_CLASS", "STANDARD_IA"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.objects is filesystem");
    }
}
