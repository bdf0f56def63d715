package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.http.ServerTrust;
import org.chatvault.client.http.TestCertificates;
import org.chatvault.client.http.TransportException;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ConfigException;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.billing.UnmeteredPlans;
import org.chatvault.server.config.TlsFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on HTTPS with a certificate from a private CA, made at test time: the client
 * trusting that CA does everything over it, a client that does not trust it refuses the server,
 * plain HTTP gets nowhere on the port, every answer says Strict-Transport-Security, and bad
 * certificate files stop the server with one clear reason.
 */
class TlsTest {
    @TempDir Path dir;
    private TestCertificates.Files certs;
    private ChatvaultServer server;

    @BeforeEach
    void start() throws Exception {
        certs = TestCertificates.write(Files.createDirectories(dir.resolve("pki")));
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnmeteredPlans.billing())
                .withTls(new TlsFiles(certs.serverCert(), certs.serverKey())), Clock.systemUTC());
        System.setProperty(ServerTrust.PROPERTY, certs.caCert().toString());
    }

    @AfterEach
    void stop() {
        System.clearProperty(ServerTrust.PROPERTY);
        server.close();
    }

    private AccountService accounts(String device) {
        return new AccountService(new ProfileStore(dir.resolve(device)), new SecureRandom(), TestVault.CHEAP);
    }

    @Test
    void aClientTrustingThePrivateCaRegistersBacksUpAndRestoresOverHttps() {
        assertThat(server.baseUri().getScheme()).isEqualTo("https");
        var created = accounts("phone").create(server.baseUri(), "tess", "correct horse".toCharArray(), TestVault.PASSPHRASE.toCharArray());
        BackupReport report;
        try (Session s = created.session(); LocalStore store = LocalStore.open(dir.resolve("phone").resolve("local.db"))) {
            TestVault.generate(store, 11, 4, 300);
            report = new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
        }
        assertThat(report.version()).isEqualTo(1);
        assertThat(report.messagesEncoded()).as("all but the ephemeral ones").isBetween(250L, 300L);
        try (Session s = accounts("tablet").login(server.baseUri(), "tess", "correct horse".toCharArray(), new Unlock.WithRecoveryKey(created.recoveryKey()));
             LocalStore store = LocalStore.open(dir.resolve("tablet").resolve("local.db"))) {
            new RestoreService(s, store, Clock.systemUTC()).run(RestoreListener.NONE);
            assertThat(store.messageCount()).isEqualTo(report.messagesEncoded());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaRefusesTheServer() {
        System.clearProperty(ServerTrust.PROPERTY);
        assertThatThrownBy(() -> accounts("phone").create(server.baseUri(), "tess", "correct horse".toCharArray(), null))
                .isInstanceOf(TransportException.class).hasMessageContaining("cannot reach " + server.baseUri());
    }

    @Test
    void everyAnswerCarriesHstsAndPlainHttpGetsNowhere() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(ServerTrust.context()).connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : new String[] {"healthz", "v1/keyslots", "no/such/route"}) {
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Strict-Transport-Security")).as(path + " → " + r.statusCode()).hasValue("max-age=31536000");
        }
        URI plain = URI.create("http://127.0.0.1:" + server.port() + "/healthz");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build();
        boolean served;
        try {
            served = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException refused) {
            served = false;
        }
        assertThat(served).as("plain HTTP on the TLS port").isFalse();
    }

    @Test
    void badCertificateFilesStopTheServerWithOneClearReason() throws IOException {
        Path data = dir.resolve("other");
        ServerConfig base = ServerConfig.forTesting(data);
        assertThatThrownBy(() -> ChatvaultServer.start(base.withTls(new TlsFiles(certs.serverCert(), certs.otherKey())), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is not the key of the first certificate in " + certs.serverCert())
                .hasMessageContaining("tls.key (CHATVAULT_TLS_KEY)");
        assertThatThrownBy(() -> ChatvaultServer.start(base.withTls(new TlsFiles(certs.serverKey(), certs.serverKey())), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessage(certs.serverKey() + " (tls.cert (CHATVAULT_TLS_CERT)) holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> ChatvaultServer.start(base.withTls(new TlsFiles(certs.serverCert(), certs.caCert())), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("holds no PEM private key");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> ChatvaultServer.start(base.withTls(new TlsFiles(garbage, certs.serverKey())), Clock.systemUTC()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(garbage + " (tls.cert (CHATVAULT_TLS_CERT)) is not a readable PEM file");
        assertThat(data).as("nothing was started").doesNotExist();
    }
}
