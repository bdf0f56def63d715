package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.chatvault.client.http.ServerTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS settings from the command line: bad certificate files stop the server (exit 2), a bad CA file stops a client command (exit 1). */
class TlsCliTest extends ConsoleTest {
    @TempDir Path dir;

    @AfterEach
    void forgetTrust() {
        System.clearProperty(ServerTrust.PROPERTY);
        Secrets.environment = System::getenv;
    }

    private void assertOneLineRefusal(int code, String... mentions) {
        assertThat(code).as(stderr()).isEqualTo(ServerCommand.BAD_SETTING);
        String[] lines = stderr().strip().split("\\R");
        assertThat(lines).as(stderr()).hasSize(1);
        assertThat(lines[0]).startsWith("chatvault server: ").contains(mentions);
        assertThat(stderr()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aServerWithABadCertificateOrKeyFileRefusesToStart() throws IOException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "this is not a certificate\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Path config = Files.writeString(dir.resolve("server.properties"), "tls.cert=" + cert + "\ntls.key=" + key + "\n");
        Path data = dir.resolve("data");
        assertOneLineRefusal(Main.run("server", "--config", config.toString(), "--data-dir", data.toString(), "--port", "0"),
                cert.toString(), "tls.cert (CHATVAULT_TLS_CERT)", "holds no PEM certificate");
        assertThat(data).as("nothing was started").doesNotExist();

        err.reset();
        Path missing = dir.resolve("absent.pem");
        Files.writeString(config, "tls.cert=" + missing + "\ntls.key=" + key + "\n");
        assertOneLineRefusal(Main.run("server", "--config", config.toString(), "--data-dir", data.toString(), "--port", "0"),
                missing + " (tls.cert (CHATVAULT_TLS_CERT)) does not exist");

        err.reset();
        Files.writeString(config, "tls.cert=" + cert + "\n");
        assertOneLineRefusal(Main.run("server", "--config", config.toString(), "--data-dir", data.toString(), "--port", "0"),
                "'tls.key' (or CHATVAULT_TLS_KEY) is required with 'tls.cert'");
    }

    @Test
    void aClientCommandWithAnUnreadableCaFileSaysSo() {
        Secrets.environment = Map.of("CHATVAULT_PASSWORD", "pw-for-cli-tests")::get;
        Path ca = dir.resolve("no-such-ca.pem");
        int code = Main.run("init", "--home", dir.resolve("phone").toString(), "--ca-cert", ca.toString(),
                "--server", "https://127.0.0.1:1", "--user", "una");
        assertThat(code).isEqualTo(ErrorHandler.FAILED);
        assertThat(stderr()).isEqualTo("chatvault: cannot read the CA certificate " + ca + " (--ca-cert or CHATVAULT_CA_CERT): no such file"
                + System.lineSeparator());
    }
}
