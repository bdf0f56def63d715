package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.Months;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A free account (the built-in plan keeps the last 30 days) as the command line shows it: the old
 * message is neither uploaded nor pending, verify is "all good" and says what expired, and a new
 * device's restore names the expiry instead of reporting anything as lost.
 */
class RetentionCliTest extends ConsoleTest {
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    @TempDir Path dir;
    private ChatvaultServer server;

    @BeforeEach
    void start() {
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return Main.run(args);
    }

    private String said() { return stdout() + stderr(); }

    private AccountService accounts(String device) {
        return new AccountService(new ProfileStore(dir.resolve(device)), new SecureRandom(), CHEAP);
    }

    @Test
    void aFreeAccountsOldHistoryIsNamedAsExpiredNotLostNorPending() {
        String recoveryKey;
        var created = accounts("phone").create(server.baseUri(), "ann", "pw-ann".toCharArray(), "a long vault passphrase".toCharArray());
        recoveryKey = created.recoveryKey();
        created.session().close();
        Instant now = Instant.now();
        try (LocalStore store = LocalStore.open(dir.resolve("phone").resolve("local.db"))) {
            store.putConversation(new Conversation("c1", ConversationKind.DIRECT, "Bob", List.of("ann", "bob")));
            store.addMessages(List.of(
                    Message.text("c1", "old", now.minus(Duration.ofDays(400)).toEpochMilli(), "bob", "a year ago"),
                    Message.text("c1", "new", now.minus(Duration.ofHours(2)).toEpochMilli(), "bob", "this morning")));
        }
        int keptFrom = Months.of(now.minus(Duration.ofDays(30)).toEpochMilli());
        String expired = "EXPIRED: history before " + YearMonth.of(keptFrom / 100, keptFrom % 100).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                + " " + keptFrom / 100 + " expired under your plan on " + now.atZone(ZoneOffset.UTC).toLocalDate();

        assertThat(cli("backup", "--home", dir.resolve("phone").toString())).as(said()).isZero();
        assertThat(cli("verify", "--home", dir.resolve("phone").toString())).as(said()).isZero();
        assertThat(stdout()).contains("all good").contains(expired).doesNotContain("PENDING").doesNotContain("PROBLEM");

        try (Session s = accounts("tablet").login(server.baseUri(), "ann", "pw-ann".toCharArray(), new Unlock.WithRecoveryKey(recoveryKey))) {
            s.api().head();
        }
        assertThat(cli("restore", "--home", dir.resolve("tablet").toString())).as(said()).isZero();
        assertThat(stdout()).contains(expired);
        assertThat(stderr()).doesNotContain("could not be restored");
        try (LocalStore tablet = LocalStore.open(dir.resolve("tablet").resolve("local.db"))) {
            List<String> texts = new ArrayList<>();
            tablet.forEachMessage("c1", Long.MIN_VALUE, m -> texts.add(m.text()));
            assertThat(texts).containsExactly("this morning");
        }
        try (LocalStore phone = LocalStore.open(dir.resolve("phone").resolve("local.db"))) {
            assertThat(phone.messageCount("c1")).as("the phone keeps its old message").isEqualTo(2);
        }
    }
}
