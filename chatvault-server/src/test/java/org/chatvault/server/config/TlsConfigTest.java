package org.chatvault.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {
    @TempDir Path dir;

    @Test
    void plainHttpUnlessBothFilesAreGiven() {
        assertThat(ServerConfig.load(null, Map.of()).tls()).isNull();
        assertThat(ServerConfig.defaults().tls()).isNull();
    }

    @Test
    void theFilesComeFromTheEnvironmentOrTheConfigFile() throws IOException {
        ServerConfig fromEnv = ServerConfig.load(null, Map.of("CHATVAULT_TLS_CERT", "/etc/chatvault/chain.pem", "CHATVAULT_TLS_KEY", "/etc/chatvault/key.pem"));
        assertThat(fromEnv.tls()).isEqualTo(new TlsFiles(Path.of("/etc/chatvault/chain.pem"), Path.of("/etc/chatvault/key.pem")));
        assertThat(fromEnv.host()).as("TLS does not widen the binding").isEqualTo("127.0.0.1");

        Path file = Files.writeString(dir.resolve("server.properties"), "tls.cert = /srv/a.pem\ntls.key = /srv/b.pem\n");
        ServerConfig fromFile = ServerConfig.load(file, Map.of("CHATVAULT_TLS_KEY", "/run/secrets/key.pem"));
        assertThat(fromFile.tls()).isEqualTo(new TlsFiles(Path.of("/srv/a.pem"), Path.of("/run/secrets/key.pem")));
        assertThat(fromFile.withPort(9443).tls()).as("kept by the with… methods").isEqualTo(fromFile.tls());
    }

    @Test
    void oneFileWithoutTheOtherIsRefused() {
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_TLS_KEY", "/k.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'tls.cert' (or CHATVAULT_TLS_CERT) is required with 'tls.key'");
        assertThatThrownBy(() -> ServerConfig.load(null, Map.of("CHATVAULT_TLS_CERT", "/c.pem", "CHATVAULT_TLS_KEY", "")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHATVAULT_TLS_KEY").hasMessageContaining("is empty");
    }
}
