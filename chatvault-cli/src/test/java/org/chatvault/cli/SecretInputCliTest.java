package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.billing.UnmeteredPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets reach the CLI from the environment (or a terminal), never from its arguments; weak passphrases are refused. */
class SecretInputCliTest extends ConsoleTest {
    private static final Pattern RECOVERY_KEY = Pattern.compile("RECOVERY KEY[^\\n]*\\n\\s+(\\S+)");
    @TempDir Path dir;
    private ChatvaultServer server;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() {
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnmeteredPlans.billing()), Clock.systemUTC());
        Secrets.environment = env::get;
    }

    @AfterEach
    void stop() {
        Secrets.environment = System::getenv;
        server.close();
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return Main.run(args);
    }

    private String init(String home, String user) {
        assertThat(cli("init", "--home", dir.resolve(home).toString(), "--server", server.baseUri().toString(), "--user", user))
                .as(stderr()).isZero();
        Matcher m = RECOVERY_KEY.matcher(stdout());
        assertThat(m.find()).as(stdout()).isTrue();
        return m.group(1);
    }

    private String[] login(String home, String user, String... how) {
        String[] head = {"login", "--home", dir.resolve(home).toString(), "--server", server.baseUri().toString(), "--user", user};
        String[] args = java.util.Arrays.copyOf(head, head.length + how.length);
        System.arraycopy(how, 0, args, head.length, how.length);
        return args;
    }

    @Test
    void theRecoveryKeyComesFromTheEnvironmentAndNeverFromTheCommandLine() {
        env.put("CHATVAULT_PASSWORD", "pw-for-cli-tests");
        String key = init("phone", "ruth");

        assertThat(cli(login("tablet", "ruth", "--recovery-key", key))).as("the old form").isEqualTo(2);
        assertThat(stderr()).contains("--recovery-key takes no value").contains("CHATVAULT_RECOVERY_KEY").doesNotContain(key);
        assertThat(dir.resolve("tablet").resolve("profile.json")).as("refused before anything happened").doesNotExist();
        assertThat(cli(login("tablet", "ruth", "--recovery-key=" + key))).isEqualTo(2);
        assertThat(stderr()).contains("secrets are never taken from the command line").doesNotContain(key);
        assertThat(cli(login("tablet", "ruth", "--passphrase", key))).isEqualTo(2);
        assertThat(stderr()).contains("unexpected argument: secrets are never taken from the command line").doesNotContain(key);

        assertThat(cli(login("tablet", "ruth", "--recovery-key"))).isEqualTo(1);
        assertThat(stderr()).contains("no terminal to ask for the recovery key: set CHATVAULT_RECOVERY_KEY");

        env.put("CHATVAULT_RECOVERY_KEY", key);
        assertThat(cli(login("tablet", "ruth", "--recovery-key"))).as(stderr()).isZero();
        assertThat(stdout()).contains("Logged in as ruth");
        assertThat(dir.resolve("tablet").resolve("profile.json")).exists();

        env.put("CHATVAULT_RECOVERY_KEY", key.replace(key.charAt(0), key.charAt(0) == '0' ? '1' : '0'));
        assertThat(cli(login("laptop", "ruth", "--recovery-key"))).isEqualTo(1);
        assertThat(stderr()).doesNotContain(key).doesNotContain("Exception");
    }

    @Test
    void initRefusesAPassphraseEqualToThePasswordOrTooWeakAndSaysWhy() {
        env.put("CHATVAULT_PASSWORD", "Orbit-Tulip-Gravel");
        env.put("CHATVAULT_PASSPHRASE", "orbit-tulip-gravel");
        String[] init = {"init", "--home", dir.resolve("phone").toString(), "--server", server.baseUri().toString(), "--user", "sam", "--with-passphrase"};
        assertThat(cli(init)).isEqualTo(ErrorHandler.FAILED);
        assertThat(stderr()).isEqualTo("chatvault: passphrase refused: it is the same as your login password; whoever learns the password"
                + " must not also open your vault" + System.lineSeparator());
        assertThat(dir.resolve("phone").resolve("profile.json")).doesNotExist();

        env.put("CHATVAULT_PASSPHRASE", "iloveyou");
        assertThat(cli(init)).isEqualTo(ErrorHandler.FAILED);
        assertThat(stderr()).startsWith("chatvault: passphrase refused: it is too easy to guess: ").contains("common password")
                .doesNotContain("iloveyou");

        env.put("CHATVAULT_PASSPHRASE", "violet harbour misty kettle");
        assertThat(cli(init)).as(stderr()).isZero();
        assertThat(stdout()).contains("or your passphrase can");
        env.remove("CHATVAULT_RECOVERY_KEY");
        assertThat(cli(login("tablet", "sam", "--passphrase"))).as(stderr()).isZero();
    }
}
