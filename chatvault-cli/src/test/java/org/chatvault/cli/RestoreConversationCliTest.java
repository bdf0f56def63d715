package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.billing.UnmeteredPlans;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'chatvault restore --conversation' through a real server, as a user on a new phone meets it. */
class RestoreConversationCliTest extends ConsoleTest {
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    private static final long T0 = 1_780_000_000_000L;
    @TempDir Path dir;
    private ChatvaultServer server;
    private String recoveryKey;

    @BeforeEach
    void start() {
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnmeteredPlans.billing()), Clock.systemUTC());
        var created = new AccountService(new ProfileStore(dir.resolve("phone")), new SecureRandom(), CHEAP)
                .create(server.baseUri(), "ann", "pw-ann".toCharArray(), "a long vault passphrase".toCharArray());
        recoveryKey = created.recoveryKey();
        created.session().close();
        try (LocalStore store = LocalStore.open(dir.resolve("phone").resolve("local.db"))) {
            for (String[] c : new String[][] {{"fam", "家人群"}, {"bo", "Bo Chen"}, {"work", "Work"}}) {
                store.putConversation(new Conversation(c[0], ConversationKind.GROUP, c[1], List.of("ann", "bob")));
                List<Message> msgs = new ArrayList<>();
                for (int i = 0; i < 10; i++) msgs.add(Message.text(c[0], c[0] + i, T0 + i * 1000L, "bob", c[1] + " says " + i));
                store.addMessages(msgs);
            }
        }
        assertThat(cli("backup", "--home", dir.resolve("phone").toString())).as(said()).isZero();
        try (Session s = new AccountService(new ProfileStore(dir.resolve("new-phone")), new SecureRandom(), CHEAP)
                .login(server.baseUri(), "ann", "pw-ann".toCharArray(), new Unlock.WithRecoveryKey(recoveryKey))) {
            s.api().head();
        }
    }

    @AfterEach
    void stop() { server.close(); }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return Main.run(args);
    }

    private String said() { return stdout() + stderr(); }

    private long count(String conversation) {
        try (LocalStore store = LocalStore.open(dir.resolve("new-phone").resolve("local.db"))) {
            return store.messageCount(conversation);
        }
    }

    @Test
    void chosenConversationsFirstThenEverything() {
        String home = dir.resolve("new-phone").toString();
        assertThat(cli("restore", "--home", home, "--conversation", "家人,bo chen")).as(said()).isZero();
        assertThat(stdout()).contains("2 conversations");
        assertThat(count("fam")).isEqualTo(10);
        assertThat(count("bo")).isEqualTo(10);
        assertThat(count("work")).as("not asked for").isZero();
        assertThat(cli("search", "--home", home, "says", "--conversation", "Work")).as(said()).isZero();
        assertThat(stdout()).contains("No message contains 'says' in Work");

        assertThat(cli("restore", "--home", home)).as(said()).isZero();
        assertThat(count("work")).isEqualTo(10);
        assertThat(cli("verify", "--home", home)).as(said()).isZero();
    }

    @Test
    void aNameThatMatchesNothingOrSeveralIsRefusedInWords() {
        String home = dir.resolve("new-phone").toString();
        assertThat(cli("restore", "--home", home, "--conversation", "Holiday")).isEqualTo(1);
        assertThat(stderr()).contains("no conversation is called or has the id 'Holiday'").doesNotContain("Exception");
        assertThat(cli("restore", "--home", home, "--conversation", "o")).isEqualTo(1);
        assertThat(stderr()).contains("'o' matches 2 conversations").contains("name one by its id");
        assertThat(count("bo") + count("fam") + count("work")).as("nothing restored").isZero();
    }
}
