package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.model.Conversation;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.billing.UnmeteredPlans;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Take it with you" on the command line: {@code chatvault archive FILE} while the server runs,
 * then {@code chatvault restore --from-archive FILE} into a new device directory with the server
 * stopped; refusals are one clear line and exit code 1.
 */
class ArchiveCliTest extends ConsoleTest {
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    @TempDir Path dir;
    private ChatvaultServer server;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() {
        // Years of history with media: a server that keeps all of it (the built-in free plan keeps 30 days of text).
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnmeteredPlans.billing()), Clock.systemUTC());
        Secrets.environment = env::get;
    }

    @AfterEach
    void stop() {
        Secrets.environment = System::getenv;
        if (server != null) server.close();
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return Main.run(args);
    }

    private String said() { return stdout() + stderr(); }

    private String home(String device) { return dir.resolve(device).toString(); }

    /** Every conversation with its messages' ids and texts, in order: what a user would compare (ephemeral ones are never backed up). */
    private static Map<String, List<String>> content(Path db) {
        Map<String, List<String>> out = new TreeMap<>();
        try (LocalStore store = LocalStore.open(db)) {
            for (Conversation c : store.conversations()) {
                List<String> messages = new ArrayList<>();
                store.forEachMessage(c.id(), Long.MIN_VALUE, m -> {
                    if (!m.ephemeral()) messages.add(m.id() + "|" + m.sentAt() + "|" + m.text());
                });
                out.put(c.id() + "|" + c.title(), messages);
            }
        }
        return out;
    }

    @Test
    void bothCommandsSayHowTheyAreUsed() {
        assertThat(cli("archive", "--help")).isZero();
        assertThat(stdout()).contains("Usage: chatvault archive").contains("FILE").contains("Example:");
        assertThat(cli("restore", "--help")).isZero();
        assertThat(stdout()).contains("--from-archive=FILE").contains("no server");
    }

    @Test
    void anArchiveRestoresIntoAnEmptyDeviceWithNoServer() throws IOException {
        String recoveryKey = new AccountService(new ProfileStore(dir.resolve("phone")), new SecureRandom(), CHEAP)
                .create(server.baseUri(), "ann", "pw-ann".toCharArray(), null).recoveryKey();
        String phoneDb = dir.resolve("phone").resolve("local.db").toString();
        assertThat(cli("generate", "--db", phoneDb, "--seed", "7", "--conversations", "12", "--messages", "3000"))
                .as(said()).isZero();
        assertThat(cli("backup", "--home", home("phone"))).as(said()).isZero();
        Path file = dir.resolve("ann.cvarchive");

        assertThat(cli("archive", "--home", home("nowhere"), file.toString())).isEqualTo(1);
        assertThat(stderr()).contains("no account on this device yet").doesNotContain("Exception");
        assertThat(cli("archive", "--home", home("phone"), file.toString())).as(said()).isZero();
        assertThat(stdout()).contains("archive: " + file + ", version 1,").contains("opens with the recovery key");
        assertThat(cli("archive", "--home", home("phone"), file.toString())).isEqualTo(1);
        assertThat(stderr()).contains("already exists").doesNotContain("Exception");

        server.close();
        server = null;
        assertThat(cli("restore", "--home", home("new-phone"), "--passphrase")).isEqualTo(1);
        assertThat(stderr()).contains("--passphrase goes with --from-archive");
        env.put("CHATVAULT_RECOVERY_KEY", "0".repeat(64));
        assertThat(cli("restore", "--home", home("new-phone"), "--from-archive", file.toString())).isEqualTo(1);
        assertThat(stderr()).contains("the recovery key does not open this vault").doesNotContain("Exception");

        Path cut = dir.resolve("cut.cvarchive");
        byte[] whole = Files.readAllBytes(file);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        env.put("CHATVAULT_RECOVERY_KEY", recoveryKey);
        assertThat(cli("restore", "--home", home("new-phone"), "--from-archive", cut.toString())).isEqualTo(1);
        assertThat(stderr()).contains("is incomplete").contains("cut short").doesNotContain("Exception");

        assertThat(cli("restore", "--home", home("new-phone"), "--from-archive", file.toString())).as(said()).isZero();
        assertThat(stdout()).contains("archive of ann's vault").contains("restore: version 1, 12 conversations, ");
        assertThat(content(dir.resolve("new-phone").resolve("local.db"))).isEqualTo(content(Path.of(phoneDb)));
    }
}
