package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chatvault account settings} and {@code chatvault account delete} against a running server. */
class AccountCliTest extends ConsoleTest {
    @TempDir Path dir;
    private ChatvaultServer server;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() {
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")), Clock.systemUTC());
        Secrets.environment = env::get;
        env.put("CHATVAULT_PASSWORD", "pw-for-cli-tests");
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

    private String home() { return dir.resolve("phone").toString(); }

    /** Creates ruth's account; returns her recovery key. */
    private String init() {
        assertThat(cli("init", "--home", home(), "--server", server.baseUri().toString(), "--user", "ruth")).as(stderr()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("RECOVERY KEY[^\\n]*\\n\\s+(\\S+)").matcher(stdout());
        assertThat(m.find()).as(stdout()).isTrue();
        return m.group(1);
    }

    @Test
    void settingsShowAndChangeWhenAnUnusedAccountIsDeleted() {
        init();
        assertThat(cli("account", "settings", "--home", home())).as(stderr()).isZero();
        assertThat(stdout()).contains("deleted after 12 months unused (choices: 1, 3, 6, 12)").contains("unless it is used before then");

        assertThat(cli("account", "settings", "--home", home(), "--inactivity-months", "6")).as(stderr()).isZero();
        assertThat(stdout()).startsWith("Changed. The account is deleted after 6 months unused");

        assertThat(cli("account", "settings", "--home", home(), "--inactivity-months", "2")).isEqualTo(1);
        assertThat(stderr()).contains("inactivityMonths must be one of 1, 3, 6, 12").doesNotContain("Exception");
    }

    @Test
    void deleteAsksForConfirmationEndsAccessAtOnceAndTheNextRunRemovesTheData() {
        env.put("CHATVAULT_RECOVERY_KEY", init());
        assertThat(cli("account", "delete", "--home", home())).as("no terminal to ask on").isEqualTo(2);
        assertThat(stderr()).contains("not on a terminal to confirm the deletion: add --yes");
        assertThat(dir.resolve("phone").resolve("profile.json")).as("nothing happened").exists();
        assertThat(cli("account", "settings", "--home", home())).as("the account still works").isZero();

        assertThat(cli("account", "delete", "--home", home(), "--yes")).as(stderr()).isZero();
        assertThat(stdout()).contains("Account ruth deleted: every session has ended");
        assertThat(dir.resolve("phone").resolve("profile.json")).doesNotExist();

        assertThat(cli("login", "--home", dir.resolve("tablet").toString(), "--server", server.baseUri().toString(), "--user", "ruth",
                "--recovery-key")).isEqualTo(1);
        assertThat(stderr()).contains("deleted by its owner").doesNotContain("Exception");
        assertThat(server.lifecycleNow().accountsRemoved()).isEqualTo(1);
    }
}
