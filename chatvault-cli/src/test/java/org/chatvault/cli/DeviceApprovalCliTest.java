package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.Profile;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.billing.UnmeteredPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a device by approval, through the command line as a user does it (issue 10): the new device
 * runs {@code chatvault device request} in a process of its own (it reads the password from the
 * environment), the old one {@code chatvault device approve} with the code the new one shows.
 */
class DeviceApprovalCliTest extends ConsoleTest {
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    private static final long T0 = 1_780_000_000_000L;
    private static final Pattern CODE = Pattern.compile("Verification code: ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})");
    private static final Pattern DEVICE = Pattern.compile("This device \\(([0-9a-f-]{36})\\)");
    @TempDir Path dir;
    private ChatvaultServer server;

    @BeforeEach
    void start() {
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnmeteredPlans.billing()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path home(String device) { return dir.resolve(device); }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return Main.run(args);
    }

    private String said() { return stdout() + stderr(); }

    /** {@code chatvault device request} in its own JVM, its output collected line by line. */
    private static final class Requesting implements AutoCloseable {
        final Process process;
        final StringBuffer output = new StringBuffer();
        private final Thread reader;

        Requesting(URI server, Path home) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "device", "request", "--home", home.toString(), "--server", server.toString(), "--user", "ann", "--timeout", "2"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("CHATVAULT_PASSWORD", "pw-ann");
            process = pb.start();
            reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) output.append(line).append('\n');
                } catch (IOException ignored) {
                    // the process ended
                }
            });
        }

        /** The first group of {@code p} once the output shows it. */
        String await(Pattern p) throws InterruptedException {
            for (int i = 0; i < 600; i++) {
                Matcher m = p.matcher(output);
                if (m.find()) return m.group(1);
                if (!process.isAlive() && i > 0 && !p.matcher(output).find()) break;
                Thread.sleep(100);
            }
            throw new AssertionError("no " + p + " in: " + output);
        }

        int exit() throws InterruptedException {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(output.toString()).isTrue();
            reader.join(5000);
            return process.exitValue();
        }

        @Override public void close() {
            process.destroyForcibly();
        }
    }

    private void createAccountAndBackUp() {
        var created = new AccountService(new ProfileStore(home("phone")), new SecureRandom(), CHEAP)
                .create(server.baseUri(), "ann", "pw-ann".toCharArray(), null);
        recoveryKey = created.recoveryKey();
        created.session().close();
        try (LocalStore store = LocalStore.open(home("phone").resolve("local.db"))) {
            store.putConversation(new Conversation("x", ConversationKind.DIRECT, "Chat x", List.of("ann", "bob")));
            store.addMessages(List.of(Message.text("x", "m1", T0, "bob", "hello from the old phone"),
                    Message.text("x", "m2", T0 + 1000, "ann", "and a reply")));
        }
        assertThat(cli("backup", "--home", home("phone").toString())).as(said()).isZero();
    }

    private List<String> texts(String device) {
        try (LocalStore store = LocalStore.open(home(device).resolve("local.db"))) {
            List<String> t = new ArrayList<>();
            store.forEachMessage("x", Long.MIN_VALUE, m -> t.add(m.text()));
            return t;
        }
    }

    private int usageStatus(Path home) throws Exception {
        Profile p = new ProfileStore(home).require();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUri().resolve("/v1/usage"))
                .header("Authorization", "Bearer " + p.tokens().accessToken()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aNewDeviceApprovedWithTheRightCodeRestoresAndARevokedOneIsShutOutAtOnce() throws Exception {
        createAccountAndBackUp();
        String deviceId;
        try (Requesting tablet = new Requesting(server.baseUri(), home("tablet"))) {
            String code = tablet.await(CODE);
            deviceId = tablet.await(DEVICE);
            // the password-only device cannot read the vault before approval
            assertThat(cli("restore", "--home", home("tablet").toString())).isEqualTo(1);
            assertThat(stderr()).contains("holds no key to the vault");

            assertThat(cli("device", "list", "--home", home("phone").toString())).as(said()).isZero();
            assertThat(stdout()).contains(deviceId).contains("(waiting for approval)").contains("(this device)");
            assertThat(cli("device", "approve", deviceId, "--code", code.toLowerCase().replace("-", " "), "--home", home("phone").toString()))
                    .as(said()).isZero();
            assertThat(stdout()).contains("Verification code here: " + code).contains("Approved");
            assertThat(tablet.exit()).as(tablet.output.toString()).isZero();
            assertThat(tablet.output.toString()).contains("Approved: this device now holds the vault's key");
        }
        Path profile = home("tablet").resolve("profile.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");
        assertThat(Files.readString(profile)).contains("deviceKey").doesNotContain("pw-ann");

        assertThat(cli("restore", "--home", home("tablet").toString())).as(said()).isZero();
        assertThat(texts("tablet")).containsExactly("hello from the old phone", "and a reply");

        assertThat(cli("device", "rename", deviceId, "ann's tablet", "--home", home("phone").toString())).as(said()).isZero();
        assertThat(cli("device", "list", "--home", home("tablet").toString())).as(said()).isZero();
        assertThat(stdout()).contains("ann's tablet").contains("(this device)");

        // revoked: the very next call of the tablet is refused, reading and writing alike
        assertThat(usageStatus(home("tablet"))).isEqualTo(200);
        assertThat(cli("device", "revoke", deviceId, "--home", home("phone").toString())).as(said()).isZero();
        assertThat(usageStatus(home("tablet"))).isEqualTo(401);
        assertThat(cli("restore", "--home", home("tablet").toString())).isEqualTo(1);
        assertThat(stderr()).contains("the session has ended").doesNotContain("Exception");
        try (LocalStore store = LocalStore.open(home("tablet").resolve("local.db"))) {
            store.addMessages(List.of(Message.text("x", "m3", T0 + 2000, "ann", "written after the revocation")));
        }
        assertThat(cli("backup", "--home", home("tablet").toString())).isEqualTo(1);
        assertThat(texts("phone")).doesNotContain("written after the revocation");
        assertThat(cli("device", "list", "--home", home("phone").toString())).as(said()).isZero();
        assertThat(stdout()).doesNotContain(deviceId);

        assertThat(cli("audit", "--home", home("phone").toString())).as(said()).isZero();
        assertThat(stdout()).contains("device_revoked").contains("device_approved").contains("approval_requested").contains("device_renamed")
                .doesNotContain("pw-ann");
    }

    @Test
    void aMismatchedCodeAbortsAndSealsNothing() throws Exception {
        createAccountAndBackUp();
        try (Requesting tablet = new Requesting(server.baseUri(), home("tablet"))) {
            String code = tablet.await(CODE);
            String deviceId = tablet.await(DEVICE);
            String wrong = code.startsWith("A") ? "BBBB-BBBB" : "AAAA-AAAA";
            assertThat(cli("device", "approve", deviceId, "--code", wrong, "--home", home("phone").toString())).isEqualTo(1);
            assertThat(stderr()).contains("the codes differ: nothing was approved").doesNotContain("Exception");
            // nothing was sealed: the device still waits, and holds no key
            assertThat(cli("device", "list", "--home", home("phone").toString())).as(said()).isZero();
            assertThat(stdout()).contains(deviceId).contains("(waiting for approval)");
            assertThat(tablet.process.isAlive()).isTrue();
        }
        assertThat(cli("restore", "--home", home("tablet").toString())).isEqualTo(1);
        assertThat(stderr()).contains("holds no key to the vault");
        assertThat(texts("tablet")).isEmpty();
    }

    @Test
    void logoutOfAllOtherSessionsAndAPasswordChangeKeepOnlyThisDevice() throws Exception {
        createAccountAndBackUp();
        laptopLogsIn("pw-ann");
        assertThat(usageStatus(home("laptop"))).isEqualTo(200);
        assertThat(cli("logout", "--all-other-sessions", "--home", home("phone").toString())).as(said()).isZero();
        assertThat(usageStatus(home("laptop"))).isEqualTo(401);
        assertThat(usageStatus(home("phone"))).isEqualTo(200);

        laptopLogsIn("pw-ann");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "password", "--home", home("phone").toString())
                .redirectErrorStream(true);
        pb.environment().put("CHATVAULT_PASSWORD", "pw-ann");
        pb.environment().put("CHATVAULT_NEW_PASSWORD", "pw-new");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        assertThat(output).contains("Password changed");
        assertThat(usageStatus(home("laptop"))).as("other sessions end").isEqualTo(401);
        assertThat(usageStatus(home("phone"))).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> laptopLogsIn("pw-ann"))
                .isInstanceOf(org.chatvault.client.http.ServerRefusedException.class).hasMessageContaining("invalid_credentials");
        laptopLogsIn("pw-new");
        assertThat(texts("phone")).hasSize(2); // the vault's keys did not change
    }

    private void laptopLogsIn(String password) {
        new AccountService(new ProfileStore(home("laptop")), new SecureRandom(), CHEAP)
                .login(server.baseUri(), "ann", password.toCharArray(), new org.chatvault.client.account.Unlock.WithRecoveryKey(recoveryKey)).close();
    }

    private String recoveryKey;
}
