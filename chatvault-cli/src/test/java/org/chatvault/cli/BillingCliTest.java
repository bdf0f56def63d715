package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.billing.DirectReceiptSettings;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator signs a receipt with {@code chatvault billing issue-receipt}; the user redeems it with {@code chatvault subscription redeem}. */
class BillingCliTest extends ConsoleTest {
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    @TempDir Path dir;
    private ChatvaultServer server;
    private Path privateKey;

    @BeforeEach
    void start() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        Path publicKey = pem(dir.resolve("receipts.pub.pem"), "PUBLIC KEY", keys.getPublic().getEncoded());
        privateKey = pem(dir.resolve("receipts.pem"), "PRIVATE KEY", keys.getPrivate().getEncoded());
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        ServerConfig config = ServerConfig.forTesting(dir.resolve("server"));
        server = ChatvaultServer.start(config.withBilling(config.billing().withDirect(new DirectReceiptSettings(publicKey, BillingCommand.DEFAULT_ISSUER))),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Path pem(Path file, String label, byte[] der) throws IOException {
        Files.writeString(file, "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n", StandardCharsets.US_ASCII);
        return file;
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return Main.run(args);
    }

    @Test
    void theOperatorIssuesAReceiptAndTheUserRedeemsIt() throws IOException {
        Path home = dir.resolve("home");
        new AccountService(new ProfileStore(home), new SecureRandom(), CHEAP).create(server.baseUri(), "ann", "pw-ann".toCharArray(), null)
                .session().close();
        assertThat(cli("subscription", "--home", home.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("Plan: Free (free), text only, keeps the last 30 days, quota 200 MiB");
        String account = stdout().lines().filter(l -> l.startsWith("Account: ")).findFirst().orElseThrow().substring("Account: ".length());

        assertThat(cli("billing", "issue-receipt", "--key", privateKey.toString(), "--account", account, "--product", "chatvault.standard.yearly",
                "--until", "2099-01-01", "--id", "promo-1")).as(stderr()).isZero();
        String receipt = stdout().strip();
        assertThat(receipt.split("\\.")).hasSize(3);
        Path file = dir.resolve("receipt.jws");
        Files.writeString(file, receipt + "\n");

        assertThat(cli("subscription", "redeem", file.toString(), "--home", home.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("Receipt redeemed.").contains("Plan: Standard (standard), text and media, keeps the last 2 years, quota 50 GiB")
                .contains("Paid until 2099-01-01").contains("direct").contains("redeemed");
        assertThat(cli("subscription", "show", "--home", home.toString())).isZero();
        assertThat(stdout()).contains("Plan: Standard").contains("History (newest first):");

        // Another account cannot use it.
        Path other = dir.resolve("other");
        new AccountService(new ProfileStore(other), new SecureRandom(), CHEAP).create(server.baseUri(), "bob", "pw-bob".toCharArray(), null)
                .session().close();
        assertThat(cli("subscription", "redeem", file.toString(), "--home", other.toString())).isEqualTo(1);
        assertThat(stderr()).contains("issued to another account").doesNotContain("Exception");
    }

    @Test
    void aKeyOthersCanReadAndBadDatesAreRefusedInWords() throws IOException {
        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cli("billing", "issue-receipt", "--key", privateKey.toString(), "--account", "a", "--product", "p", "--until", "2099-01-01"))
                .isEqualTo(1);
        assertThat(stderr()).contains("can be read by other users").contains("chmod 600").doesNotContain("Exception");
        assertThat(stdout()).isEmpty();

        Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
        assertThat(cli("billing", "issue-receipt", "--key", privateKey.toString(), "--account", "a", "--product", "p", "--until", "soon")).isEqualTo(1);
        assertThat(stderr()).contains("--until 'soon' is not a date");
        assertThat(cli("billing", "issue-receipt", "--key", privateKey.toString(), "--account", "a", "--product", "p", "--until", "2020-01-01",
                "--from", "2021-01-01")).isEqualTo(1);
        assertThat(stderr()).contains("must be after --from");
        assertThat(cli("billing", "issue-receipt", "--key", dir.resolve("receipts.pub.pem").toString(), "--account", "a", "--product", "p",
                "--until", "2099-01-01")).isEqualTo(1);
        assertThat(stderr()).contains("can be read by other users").doesNotContain("Exception");
    }

    @Test
    void helpShowsExamples() {
        for (String cmd : new String[] {"subscription", "subscription redeem", "billing issue-receipt"}) {
            assertThat(cli((cmd + " --help").split(" "))).as(cmd).isZero();
            assertThat(stdout()).as(cmd).contains("Usage: chatvault " + cmd).contains("Example:");
        }
    }
}
