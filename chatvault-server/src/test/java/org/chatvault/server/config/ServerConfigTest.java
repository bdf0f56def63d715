package org.chatvault.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.chatvault.core.crypto.Argon2Params;
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
        assertThat(c.accessTokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(c.refreshTokenTtl()).isEqualTo(Duration.ofDays(90));
        assertThat(c.loginHashParams()).isEqualTo(new Argon2Params(19456, 2, 1));
        assertThat(c.dropSafetyDelay()).isEqualTo(Duration.ofHours(24));
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
}
