package org.chatvault.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.abuse.Rate;
import org.chatvault.server.abuse.RateLimit;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.chatvault.server.store.s3.S3Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir Path dir;

    @Test
    void defaultsWithoutFileOrEnvironment() {
        ServerConfig c = ServerConfig.load(null, Map.of());
        assertThat(c).isEqualTo(ServerConfig.defaults());
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(8420);
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
        assertThat(c.maxBatchBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(c.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15)); // short since sessions are per device and revocable
        assertThat(c.refreshTokenTtl()).isEqualTo(Duration.ofDays(90));
        assertThat(c.loginHashParams()).isEqualTo(new Argon2Params(19456, 2, 1));
        assertThat(c.dropSafetyDelay()).isEqualTo(Duration.ofHours(24));
        assertThat(c.metadata()).isEqualTo(MetadataBackend.SQLITE);
        assertThat(c.objects()).isEqualTo(ObjectBackend.FILESYSTEM);
    }

    @Test
    void fileThenEnvironmentOverrides() throws IOException {
        Path file = Files.writeString(dir.resolve("server.properties"), """
                server.host = 0.0.0.0
                server.port = 9000
                data.dir = /var/lib/chatvault
                batch.max-bytes = 128MiB
                token.access-ttl = 30m
                token.refresh-ttl = P30D
                login-hash.memory-kib = 65536
                login-hash.iterations = 3
                vault.drop-safety-delay = 48h
                """);
        ServerConfig c = ServerConfig.load(file, Map.of("CHATVAULT_SERVER_PORT", "0", "CHATVAULT_DATA_DIR", "/srv/cv",
                "CHATVAULT_LOGIN_HASH_PARALLELISM", "2"));
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isZero();
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/cv"));
        assertThat(c.maxBatchBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(c.accessTokenTtl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.refreshTokenTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(c.loginHashParams()).isEqualTo(new Argon2Params(65536, 3, 2));
        assertThat(c.dropSafetyDelay()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void badValuesNameTheSettingAndItsSource() throws IOException {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_SERVER_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHATVAULT_SERVER_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_SERVER_PORT", "70000")))
                .hasMessageContaining("0-65535");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_BATCH_MAX_BYTES", "1MiB")))
                .hasMessageContaining("CHATVAULT_BATCH_MAX_BYTES").hasMessageContaining("9MiB");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_TOKEN_ACCESS_TTL", "soon")))
                .hasMessageContaining("CHATVAULT_TOKEN_ACCESS_TTL").hasMessageContaining("duration");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_TOKEN_ACCESS_TTL", "0s")))
                .hasMessageContaining("longer than zero");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_LOGIN_HASH_MEMORY_KIB", "4")))
                .hasMessageContaining("CHATVAULT_LOGIN_HASH_MEMORY_KIB");

        Path typo = Files.writeString(dir.resolve("typo.properties"), "server.prot = 1\n");
        assertThatThrownBy(() -> ServerConfig.load(typo, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.prot").hasMessageContaining(typo.toString());
        Path badFile = Files.writeString(dir.resolve("bad.properties"), "vault.drop-safety-delay = -1h\n");
        assertThatThrownBy(() -> ServerConfig.load(badFile, Map.of())).hasMessageContaining("'vault.drop-safety-delay' in " + badFile);
        assertThatThrownBy(() -> ServerConfig.load(dir.resolve("absent.properties"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.properties");
    }

    @Test
    void repackThresholdIsAShareOrAPercentage() {
        assertThat(ServerConfig.defaults().repackThreshold()).isEqualTo(0.5);
        assertThat(ServerConfig.load(null, Map.of("CHATVAULT_VAULT_REPACK_THRESHOLD", "0.3")).repackThreshold()).isEqualTo(0.3);
        assertThat(ServerConfig.load(null, Map.of("CHATVAULT_VAULT_REPACK_THRESHOLD", "25%")).repackThreshold()).isEqualTo(0.25);
        assertThat(ServerConfig.load(null, Map.of("CHATVAULT_VAULT_REPACK_THRESHOLD", "0")).repackThreshold()).isZero();
        for (String bad : List.of("0.95", "-0.1", "half", "NaN")) {
            assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_VAULT_REPACK_THRESHOLD", bad)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("CHATVAULT_VAULT_REPACK_THRESHOLD");
        }
    }

    @Test
    void theSignatureWindowIsPositiveAndAtMostAnHour() {
        assertThat(ServerConfig.defaults().signatureWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ServerConfig.load(null, Map.of("CHATVAULT_VAULT_SIGNATURE_WINDOW", "90s")).signatureWindow()).isEqualTo(Duration.ofSeconds(90));
        for (String bad : List.of("0s", "2h", "soon")) {
            assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_VAULT_SIGNATURE_WINDOW", bad)))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("CHATVAULT_VAULT_SIGNATURE_WINDOW");
        }
        assertThatThrownBy(() -> ServerConfig.defaults().withSignatureWindow(Duration.ofHours(2))).isInstanceOf(ConfigException.class);
    }

    @Test
    void sizesAndDurationsParse() {
        assertThat(ServerConfigLoader.parseSize("1024")).isEqualTo(1024);
        assertThat(ServerConfigLoader.parseSize("64m")).isEqualTo(64L << 20);
        assertThat(ServerConfigLoader.parseSize("1GiB")).isEqualTo(1L << 30);
        assertThat(ServerConfigLoader.parseDuration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(ServerConfigLoader.parseDuration("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(ServerConfigLoader.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ServerConfigLoader.envName("login-hash.memory-kib")).isEqualTo("CHATVAULT_LOGIN_HASH_MEMORY_KIB");
    }

    @Test
    void forTestingPicksAFreePortAndACheapHash(@TempDir Path data) {
        ServerConfig c = ServerConfig.forTesting(data);
        assertThat(c.port()).isZero();
        assertThat(c.dataDir()).isEqualTo(data);
        assertThat(c.loginHashParams().memoryKiB()).isLessThan(1024);
        assertThat(c.withMaxBatchBytes(16L << 20).maxBatchBytes()).isEqualTo(16L << 20);
    }

    // ---- storage backends ------------------------------------------------------------------

    @Test
    void postgresqlMetadataFromFileAndEnvironment() throws IOException {
        Path file = Files.writeString(dir.resolve("pg.properties"), """
                storage.metadata = postgresql
                postgres.url = jdbc:postgresql://db.internal:5432/chatvault
                postgres.user = chatvault
                """);
        ServerConfig c = ServerConfig.load(file, Map.of("CHATVAULT_POSTGRES_PASSWORD", " s3cret ", "CHATVAULT_POSTGRES_POOL_SIZE", "25"));
        PostgresSettings pg = ((MetadataBackend.Postgres) c.metadata()).settings();
        assertThat(pg).isEqualTo(new PostgresSettings("jdbc:postgresql://db.internal:5432/chatvault", "chatvault", " s3cret ", 25, "public"));
        assertThat(c.objects()).isEqualTo(ObjectBackend.FILESYSTEM);
        assertThat(c.toString()).doesNotContain("s3cret");

        ServerConfig defaults = ServerConfig.load(null, Map.of("CHATVAULT_STORAGE_METADATA", "PostgreSQL",
                "CHATVAULT_POSTGRES_URL", "jdbc:postgresql://127.0.0.1/cv", "CHATVAULT_POSTGRES_USER", "cv",
                "CHATVAULT_POSTGRES_SCHEMA", "chatvault"));
        PostgresSettings d = ((MetadataBackend.Postgres) defaults.metadata()).settings();
        assertThat(d.poolSize()).isEqualTo(10);
        assertThat(d.password()).isEmpty();
        assertThat(d.schema()).isEqualTo("chatvault");
    }

    @Test
    void s3ObjectsWithDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("s3.properties"), """
                storage.objects = s3
                s3.bucket = chatvault-packs
                s3.access-key = AKIAEXAMPLE
                s3.secret-key = wJalrXUtnFEMI
                """);
        S3Settings s3 = ((ObjectBackend.S3) ServerConfig.load(file, Map.of()).objects()).settings();
        assertThat(s3).isEqualTo(new S3Settings(null, "us-east-1", "chatvault-packs", "", "AKIAEXAMPLE", "wJalrXUtnFEMI", false, 16L << 20));

        S3Settings minio = ((ObjectBackend.S3) ServerConfig.load(file, Map.of("CHATVAULT_S3_ENDPOINT", "http://127.0.0.1:9000",
                "CHATVAULT_S3_REGION", "eu-west-1", "CHATVAULT_S3_PREFIX", "prod/", "CHATVAULT_S3_PATH_STYLE", "true",
                "CHATVAULT_S3_PART_SIZE", "64MiB")).objects()).settings();
        assertThat(minio.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(minio.region()).isEqualTo("eu-west-1");
        assertThat(minio.prefix()).isEqualTo("prod/");
        assertThat(minio.pathStyle()).isTrue();
        assertThat(minio.partSizeBytes()).isEqualTo(64L << 20);
        assertThat(ServerConfig.load(file, Map.of()).toString()).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void storageErrorsNameTheSettingAndNeverPrintSecrets() throws IOException {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_STORAGE_METADATA", "mysql")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHATVAULT_STORAGE_METADATA").hasMessageContaining("sqlite, postgresql");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_STORAGE_OBJECTS", "ftp")))
                .hasMessageContaining("CHATVAULT_STORAGE_OBJECTS").hasMessageContaining("filesystem, s3");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_STORAGE_METADATA", "postgresql")))
                .hasMessageContaining("postgres.url").hasMessageContaining("CHATVAULT_POSTGRES_URL");
        Map<String, String> pg = Map.of("CHATVAULT_STORAGE_METADATA", "postgresql", "CHATVAULT_POSTGRES_USER", "cv",
                "CHATVAULT_POSTGRES_PASSWORD", "hunter2");
        assertThatThrownBy(() -> ServerConfig.load(null, with(pg, "CHATVAULT_POSTGRES_URL", "postgres://cv:hunter2@db/cv")))
                .hasMessageContaining("CHATVAULT_POSTGRES_URL").hasMessageContaining("jdbc:postgresql://")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        Map<String, String> pgOk = with(pg, "CHATVAULT_POSTGRES_URL", "jdbc:postgresql://db/cv");
        assertThatThrownBy(() -> ServerConfig.load(null, with(pgOk, "CHATVAULT_POSTGRES_POOL_SIZE", "0")))
                .hasMessageContaining("CHATVAULT_POSTGRES_POOL_SIZE").hasMessageContaining("1-1000");
        assertThatThrownBy(() -> ServerConfig.load(null, with(pgOk, "CHATVAULT_POSTGRES_SCHEMA", "Robert'); DROP")))
                .hasMessageContaining("CHATVAULT_POSTGRES_SCHEMA").hasMessageContaining("identifier");

        Path stray = Files.writeString(dir.resolve("stray.properties"), "postgres.password = hunter2\n");
        assertThatThrownBy(() -> ServerConfig.load(stray, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'postgres.password' in " + stray).hasMessageContaining("storage.metadata is sqlite")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_S3_BUCKET", "b")))
                .hasMessageContaining("CHATVAULT_S3_BUCKET").hasMessageContaining("storage.objects is filesystem");

        Map<String, String> s3 = Map.of("CHATVAULT_STORAGE_OBJECTS", "s3", "CHATVAULT_S3_BUCKET", "packs",
                "CHATVAULT_S3_ACCESS_KEY", "AKIAEXAMPLE", "CHATVAULT_S3_SECRET_KEY", "wJalrXUtnFEMI");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_STORAGE_OBJECTS", "s3", "CHATVAULT_S3_BUCKET", "packs")))
                .hasMessageContaining("s3.access-key").hasMessageContaining("CHATVAULT_S3_ACCESS_KEY");
        assertThatThrownBy(() -> ServerConfig.load(null, with(s3, "CHATVAULT_S3_PART_SIZE", "1MiB")))
                .hasMessageContaining("CHATVAULT_S3_PART_SIZE").hasMessageContaining("5MiB");
        assertThatThrownBy(() -> ServerConfig.load(null, with(s3, "CHATVAULT_S3_BUCKET", "Not_A_Bucket")))
                .hasMessageContaining("CHATVAULT_S3_BUCKET");
        assertThatThrownBy(() -> ServerConfig.load(null, with(s3, "CHATVAULT_S3_ENDPOINT", "minio:9000")))
                .hasMessageContaining("CHATVAULT_S3_ENDPOINT").hasMessageContaining("http");
        assertThatThrownBy(() -> ServerConfig.load(null, with(s3, "CHATVAULT_S3_PATH_STYLE", "yes")))
                .hasMessageContaining("CHATVAULT_S3_PATH_STYLE");
        assertThatThrownBy(() -> ServerConfig.load(null, with(s3, "CHATVAULT_S3_SECRET_KEY", "")))
                .hasMessageContaining("CHATVAULT_S3_SECRET_KEY").hasMessageContaining("empty");
    }

    @Test
    void exampleFilesInDocsAreValid() {
        Path docs = Path.of("..", "docs");
        assertThat(ServerConfig.load(docs.resolve("server.properties.example"), Map.of())).isEqualTo(ServerConfig.defaults().withDataDir(Path.of("./data")));
        ServerConfig scaled = ServerConfig.load(docs.resolve("config-postgresql-s3.properties.example"), Map.of(
                "CHATVAULT_POSTGRES_PASSWORD", "pw", "CHATVAULT_S3_ACCESS_KEY", "ak", "CHATVAULT_S3_SECRET_KEY", "sk"));
        assertThat(scaled.metadata()).isInstanceOf(MetadataBackend.Postgres.class);
        assertThat(((MetadataBackend.Postgres) scaled.metadata()).settings().schema()).isEqualTo("chatvault");
        assertThat(scaled.objects()).isInstanceOf(ObjectBackend.S3.class);
        assertThat(((ObjectBackend.S3) scaled.objects()).settings().pathStyle()).isTrue();
        assertThat(scaled.abuse().trustedProxies()).containsExactly("10.0.0.5", "10.0.0.6");
    }

    @Test
    void abuseLimitsAreReadFromTheEnvironmentAndTheFile() throws IOException {
        Path file = dir.resolve("limits.properties");
        Files.writeString(file, "limits.register.per-address=5/1h\nfetch.max-answer-bytes=8MiB\n");
        ServerConfig c = ServerConfig.load(file, Map.of("CHATVAULT_LIMITS_LOGIN_PER_ADDRESS", "10/1m",
                "CHATVAULT_LIMITS_KEY_SLOT_READ_PER_ACCOUNT", "off", "CHATVAULT_LIMITS_TRUSTED_PROXIES", "10.0.0.1, ::1",
                "CHATVAULT_LIMITS_LOGIN_HASH_WORKERS", "4", "CHATVAULT_LIMITS_LOGIN_HASH_QUEUE", "0", "CHATVAULT_LIMITS_LOGIN_HASH_PER_ADDRESS", "2"));
        AbuseLimits a = c.abuse();
        assertThat(a.rates(RateLimit.LOGIN).perAddress()).isEqualTo(Rate.of(10, Duration.ofMinutes(1)));
        assertThat(a.rates(RateLimit.LOGIN).perAccount()).isEqualTo(AbuseLimits.defaults().rates(RateLimit.LOGIN).perAccount());
        assertThat(a.rates(RateLimit.REGISTER).perAddress()).isEqualTo(Rate.of(5, Duration.ofHours(1)));
        assertThat(a.rates(RateLimit.KEY_SLOT_READ).perAccount().unlimited()).isTrue();
        assertThat(a.trustedProxies()).containsExactly("10.0.0.1", "::1");
        assertThat(List.of(a.hashWorkers(), a.hashQueue(), a.hashesPerAddress())).containsExactly(4, 0, 2);
        assertThat(a.maxFetchAnswerBytes()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void badAbuseLimitsNameTheSetting() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_LIMITS_LOGIN_PER_ACCOUNT", "10 a minute")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHATVAULT_LIMITS_LOGIN_PER_ACCOUNT").hasMessageContaining("30/1m");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_LIMITS_TRUSTED_PROXIES", "10.0.0.1,lb.internal")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lb.internal").hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_FETCH_MAX_ANSWER_BYTES", "1KiB")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("1MiB-2GiB");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_LIMITS_LOGIN_HASH_WORKERS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHATVAULT_LIMITS_LOGIN_HASH_WORKERS");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
