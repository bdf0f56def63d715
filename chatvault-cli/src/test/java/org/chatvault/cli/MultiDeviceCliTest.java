package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.config.UnlimitedBilling;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four ways the vault lost or hid history before devices merged (issue "Several devices, one
 * vault"), each replayed through the command line as a user meets it, with the corrected outcome.
 */
class MultiDeviceCliTest extends ConsoleTest {
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    private static final long T0 = 1_780_000_000_000L; // 2026-05-28
    @TempDir Path dir;
    private ChatvaultServer server;
    private String recoveryKey;

    @BeforeEach
    void start() {
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnlimitedBilling.config()), Clock.systemUTC());
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

    private Path home(String device) { return dir.resolve(device); }

    /** The first device creates the account; the profile lands in its home as `chatvault init` would leave it. */
    private void createAccount(String device) {
        var created = new AccountService(new ProfileStore(home(device)), new SecureRandom(), CHEAP)
                .create(server.baseUri(), "ann", "pw-ann".toCharArray(), "a long vault passphrase".toCharArray());
        recoveryKey = created.recoveryKey();
        created.session().close();
    }

    /** Another device logs in with the recovery key, as `chatvault login --recovery-key` would. */
    private void addDevice(String device) {
        try (Session s = new AccountService(new ProfileStore(home(device)), new SecureRandom(), CHEAP)
                .login(server.baseUri(), "ann", "pw-ann".toCharArray(), new Unlock.WithRecoveryKey(recoveryKey))) {
            s.api().head();
        }
    }

    /** The chat app on a device receives messages. */
    private void receive(String device, String conversation, Message... messages) {
        try (LocalStore store = LocalStore.open(home(device).resolve("local.db"))) {
            store.putConversation(new Conversation(conversation, ConversationKind.DIRECT, "Chat " + conversation, List.of("ann", "bob")));
            store.addMessages(List.of(messages));
        }
    }

    private List<String> texts(String device, String conversation) {
        try (LocalStore store = LocalStore.open(home(device).resolve("local.db"))) {
            List<String> t = new java.util.ArrayList<>();
            store.forEachMessage(conversation, Long.MIN_VALUE, m -> t.add(m.text()));
            return t;
        }
    }

    /** A device newly added to the account restores the vault; returns the texts it then holds in {@code conversation}. */
    private List<String> newDeviceRestores(String device, String conversation) {
        addDevice(device);
        assertThat(cli("restore", "--home", home(device).toString())).as(said()).isZero();
        return texts(device, conversation);
    }

    private int backup(String device, String... more) {
        String[] args = Stream.concat(Stream.of("backup", "--home", home(device).toString()), Stream.of(more)).toArray(String[]::new);
        return cli(args);
    }

    @Test
    void twoDevicesWritingToOneChatBothKeepEverything() {
        createAccount("phone");
        receive("phone", "x", Message.text("x", "m1", T0, "bob", "hello"));
        assertThat(backup("phone")).as(said()).isZero();
        addDevice("tablet");
        assertThat(cli("restore", "--home", home("tablet").toString())).as(said()).isZero();
        receive("tablet", "x", Message.text("x", "m2", T0 + 1000, "ann", "FROMDEV2"));
        assertThat(backup("tablet")).as(said()).isZero();
        // The phone has not restored since; it receives its own message and backs up.
        receive("phone", "x", Message.text("x", "m3", T0 + 2000, "bob", "FROMDEV1"));
        assertThat(backup("phone")).as(said()).isZero();
        assertThat(said()).contains("merged 1 messages from other devices");
        assertThat(texts("phone", "x")).containsExactly("hello", "FROMDEV2", "FROMDEV1");
        assertThat(backup("tablet")).as(said()).isZero();
        assertThat(texts("tablet", "x")).containsExactly("hello", "FROMDEV2", "FROMDEV1");
        assertThat(newDeviceRestores("new-phone", "x")).containsExactly("hello", "FROMDEV2", "FROMDEV1");
        assertThat(cli("search", "--home", home("new-phone").toString(), "FROMDEV")).as(said()).isZero();
        assertThat(said()).contains("FROMDEV1").contains("FROMDEV2");
        // A device that only wants what the others wrote.
        assertThat(cli("sync", "--home", home("phone").toString())).as(said()).isZero();
        assertThat(said()).contains("sync: version");
    }

    @Test
    void aDeviceBehindBackingUpTextOnlyKeepsTheOthersMedia() throws IOException {
        createAccount("phone");
        byte[] photo = new byte[20_000];
        new SecureRandom().nextBytes(photo);
        try (LocalStore store = LocalStore.open(home("phone").resolve("local.db"))) {
            store.media().write("photo-1", o -> o.write(photo));
        }
        receive("phone", "x", new Message("x", "m1", T0, "bob", MessageType.IMAGE, null,
                List.of(new Attachment("photo-1", "beach.jpg", "image/jpeg", photo.length, null)), null, null, null, false));
        assertThat(backup("phone")).as(said()).isZero();
        addDevice("pc");
        receive("pc", "x", Message.text("x", "m2", T0 + 5000, "ann", "from the pc"));
        assertThat(backup("pc", "--text-only")).as(said()).isZero();
        assertThat(cli("verify", "--home", home("pc").toString())).as(said()).isZero();
        assertThat(said()).contains("all good");
        assertThat(cli("media", "get", "--home", home("pc").toString(), "photo-1")).as(said()).isZero();
        assertThat(Files.readAllBytes(Path.of(stdout().strip().lines().reduce((a, b) -> b).orElseThrow())))
                .isEqualTo(photo);
    }

    @Test
    void aServerServingAnOlderHeadIsRefused() throws IOException {
        createAccount("phone");
        receive("phone", "x", Message.text("x", "m1", T0, "bob", "one"));
        assertThat(backup("phone")).as(said()).isZero();
        // The operator's copy of the server, taken at version 1.
        URI uri = server.baseUri();
        server.close();
        copyTree(dir.resolve("server"), dir.resolve("server-copy"));
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnlimitedBilling.config()).withPort(uri.getPort()), Clock.systemUTC());
        receive("phone", "x", Message.text("x", "m2", T0 + 1000, "bob", "two"));
        assertThat(backup("phone")).as(said()).isZero();
        receive("phone", "x", Message.text("x", "m3", T0 + 2000, "bob", "three"));
        assertThat(backup("phone")).as(said()).isZero();
        assertThat(said()).contains("version 3");
        // The server comes back from the old copy.
        server.close();
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server-copy")).withBilling(UnlimitedBilling.config()).withPort(uri.getPort()), Clock.systemUTC());
        for (String command : List.of("verify", "restore", "backup", "sync")) {
            assertThat(cli(command, "--home", home("phone").toString())).as(command + ": " + said()).isEqualTo(1);
            assertThat(said()).as(command).contains("version 1, older than version 3").contains("Nothing was changed");
        }
        assertThat(texts("phone", "x")).containsExactly("one", "two", "three");
    }

    @Test
    void oneDamagedObjectCostsOnlyWhatItHolds() throws IOException {
        createAccount("phone");
        for (int c = 0; c < 6; c++) {
            Message[] ms = new Message[200];
            for (int i = 0; i < ms.length; i++) ms[i] = Message.text("c" + c, "m" + i, T0 - 40L * 86_400_000 + i * 3_600_000L, "bob", "message " + c + "/" + i);
            receive("phone", "c" + c, ms);
        }
        assertThat(backup("phone", "--text-only")).as(said()).isZero();
        Path pack;
        try (Stream<Path> files = Files.walk(dir.resolve("server").resolve("objects"))) {
            pack = files.filter(Files::isRegularFile).max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(pack);
        bytes[bytes.length / 3] ^= 0x20;
        Files.write(pack, bytes);

        assertThat(cli("verify", "--home", home("phone").toString())).as(said()).isEqualTo(1);
        assertThat(said()).contains("PROBLEM: conversation c").contains("does not authenticate");
        addDevice("new-phone");
        assertThat(cli("restore", "--home", home("new-phone").toString())).as(said()).isEqualTo(1);
        assertThat(said()).contains("could not be restored").containsPattern("conversation \"Chat c[0-5]\" \\(c[0-5]\\), (2026-0[3-5]|all history): [0-9,]+ messages not restored");
        long restored = 0;
        for (int c = 0; c < 6; c++) restored += texts("new-phone", "c" + c).size();
        assertThat(restored).as("only the damaged segment is lost").isBetween(1000L, 1199L);
        // A rerun retries only what failed, and says the same.
        assertThat(cli("restore", "--home", home("new-phone").toString())).as(said()).isEqualTo(1);
        assertThat(said()).contains("could not be restored");
    }

    @Test
    void aDeletionOnOneDeviceIsNotUndoneByAnother() {
        createAccount("phone");
        receive("phone", "x", Message.text("x", "m1", T0, "bob", "keep"), Message.text("x", "m2", T0 + 1, "bob", "secret"),
                Message.text("x", "m3", T0 + 2, "bob", "also keep"));
        assertThat(backup("phone")).as(said()).isZero();
        addDevice("pc");
        assertThat(cli("restore", "--home", home("pc").toString())).as(said()).isZero();
        assertThat(cli("delete", "--home", home("phone").toString(), "--conversation", "x", "--message", "m2")).isEqualTo(1);
        assertThat(said()).contains("would delete 1 messages").contains("nothing was deleted");
        assertThat(cli("delete", "--home", home("phone").toString(), "--conversation", "x", "--message", "m2", "--yes")).as(said()).isZero();
        assertThat(backup("phone")).as(said()).isZero();
        // The pc still holds it and backs up: the deletion wins, there and in the vault.
        receive("pc", "x", Message.text("x", "m4", T0 + 3, "ann", "new"));
        assertThat(backup("pc")).as(said()).isZero();
        assertThat(texts("pc", "x")).containsExactly("keep", "also keep", "new");
        assertThat(backup("phone")).as(said()).isZero();
        assertThat(texts("phone", "x")).containsExactly("keep", "also keep", "new");
        assertThat(newDeviceRestores("new", "x")).containsExactly("keep", "also keep", "new");
        // History before a day, then the whole conversation.
        assertThat(cli("delete", "--home", home("pc").toString(), "--conversation", "x", "--before", "2026-05-29", "--yes")).as(said()).isZero();
        assertThat(said()).contains("deleted 3 messages (history before 2026-05-29)");
        assertThat(cli("sync", "--home", home("pc").toString())).as(said()).isZero();
        assertThat(cli("sync", "--home", home("new").toString())).as(said()).isZero();
        assertThat(texts("new", "x")).isEmpty();
    }

    @Test
    void syncWatchWaitsOutAServerThatGoesAwayAndComesBack() throws Exception {
        createAccount("phone");
        addDevice("pc");
        receive("pc", "x", Message.text("x", "m1", T0, "bob", "before the outage"));
        java.util.concurrent.atomic.AtomicInteger code = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread watch = Thread.ofPlatform().start(() -> code.set(Main.run("sync", "--watch", "--interval", "200ms", "--home", home("pc").toString())));
        URI uri = server.baseUri();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (readHead(uri) < 1 && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(readHead(uri)).as("the first sync").isEqualTo(1);
        server.close();
        receive("pc", "x", Message.text("x", "m2", T0 + 1, "bob", "during the outage"));
        Thread.sleep(1_500);
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnlimitedBilling.config()).withPort(uri.getPort()), Clock.systemUTC());
        while (readHead(uri) < 2 && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(readHead(uri)).as("the change made during the outage went up after it").isEqualTo(2);
        watch.interrupt();
        watch.join(30_000);
        assertThat(code.get()).isZero();
        // The outage is ridden out either by the client's own retries or by the watch loop's back-off.
        assertThat(said()).contains("sync: version 2").contains("sync: stopped");
    }

    private long readHead(URI uri) {
        try (Session s = new AccountService(new ProfileStore(home("phone"))).resume(org.chatvault.client.http.RetryPolicy.NONE)) {
            return s.api().head().version();
        } catch (RuntimeException down) {
            return -1;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
