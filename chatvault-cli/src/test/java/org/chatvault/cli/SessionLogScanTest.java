package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chatvault.client.account.Profile;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.crypto.LoginSecret;
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
import org.slf4j.LoggerFactory;

/**
 * Issue 10: a scan of everything logged during a full session — init with a password and a
 * passphrase, backup, a device request and its approval, restore on the new device, a password
 * change, logout — finds no password, passphrase, recovery key, login secret, token, device
 * credential or device key, in plain, base64 or hex form. Server and client run in this JVM with
 * every logger at TRACE and an appender on the root logger; the requesting device runs in a
 * process of its own with a TRACE configuration, and its whole output is scanned too. What the
 * commands print is scanned as well, except the one line where {@code init} shows the recovery key.
 */
class SessionLogScanTest extends ConsoleTest {
    private static final Pattern RECOVERY_KEY = Pattern.compile("RECOVERY KEY[^\\n]*\\n(\\s+(\\S+)\\n)");
    private static final Pattern CODE = Pattern.compile("Verification code: ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})");
    private static final Pattern DEVICE = Pattern.compile("This device \\(([0-9a-f-]{36})\\)");
    private static final String USER = "lena";
    private static final String PASSWORD = "pw-lena-Quartz-7713";
    private static final String NEW_PASSWORD = "pw-lena-Nimbus-2209";
    private static final String PASSPHRASE = "violet harbour misty kettle lantern";
    private static final long T0 = 1_780_000_000_000L;

    @TempDir Path dir;
    private ChatvaultServer server;
    private final Map<String, String> env = new HashMap<>();
    private final Captured captured = new Captured();
    private final Map<Logger, Level> levels = new LinkedHashMap<>();
    /** Everything the commands printed, the recovery key's display line taken out. */
    private final StringBuilder printed = new StringBuilder();
    /** Secret name → value, gathered as the session goes (tokens rotate, so profiles are read after every step). */
    private final Map<String, String> secrets = new LinkedHashMap<>();

    @BeforeEach
    void start() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (Logger l : ctx.getLoggerList()) levels.put(l, l.getLevel());
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Logger l : ctx.getLoggerList()) if (l != root) l.setLevel(null);
        root.setLevel(Level.ALL);
        captured.setContext(ctx);
        captured.setName("scan");
        captured.start();
        root.addAppender(captured);
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnmeteredPlans.billing()), Clock.systemUTC());
        Secrets.environment = env::get;
    }

    @AfterEach
    void stop() {
        Secrets.environment = System::getenv;
        if (server != null) server.close();
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        captured.stop();
        levels.forEach(Logger::setLevel);
    }

    /** Every logged event as one line (level, logger, message, arguments, key-value pairs, MDC, stack trace). */
    private static final class Captured extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> events = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        @Override protected synchronized void append(ILoggingEvent e) {
            events.add(e);
            text.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            if (e.getArgumentArray() != null) for (Object a : e.getArgumentArray()) text.append(" | ").append(describe(a));
            if (e.getKeyValuePairs() != null) text.append(' ').append(e.getKeyValuePairs());
            if (!e.getMDCPropertyMap().isEmpty()) text.append(' ').append(e.getMDCPropertyMap());
            if (e.getThrowableProxy() != null) text.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            text.append('\n');
        }

        /** An argument as a log line would show it; some (Jetty's endpoints) throw once their channel closed. */
        private static String describe(Object argument) {
            try {
                return String.valueOf(argument);
            } catch (RuntimeException e) {
                return "?";
            }
        }

        synchronized String all() { return text.toString(); }

        /** What was logged at INFO or above. */
        synchronized String infoAndAbove() {
            StringBuilder b = new StringBuilder();
            for (ILoggingEvent e : events)
                if (e.getLevel().isGreaterOrEqual(Level.INFO)) b.append(e.getFormattedMessage()).append('\n');
            return b.toString();
        }
    }

    private Path home(String device) { return dir.resolve(device); }

    private int cli(String... args) {
        out.reset();
        err.reset();
        int exit = Main.run(args);
        printed.append(stdout()).append(stderr());
        rememberProfileSecrets();
        return exit;
    }

    private String said() { return stdout() + stderr(); }

    private void rememberProfileSecrets() {
        for (String device : List.of("phone", "tablet")) {
            if (!Files.exists(home(device).resolve("profile.json"))) continue;
            Profile p = new ProfileStore(home(device)).require();
            if (p.tokens() != null) {
                remember(device + " access token", p.tokens().accessToken());
                remember(device + " refresh token", p.tokens().refreshToken());
            }
            remember(device + " device credential", p.deviceCredential());
            remember(device + " device private key", p.deviceKey());
        }
    }

    private void remember(String name, String value) {
        if (value == null || value.isEmpty()) return;
        String key = name;
        for (int i = 2; secrets.containsKey(key) && !secrets.get(key).equals(value); i++) key = name + " #" + i;
        secrets.put(key, value);
    }

    /** The requesting device, in its own JVM with every logger at TRACE; its output collected line by line. */
    private static final class Requesting implements AutoCloseable {
        final Process process;
        final StringBuffer output = new StringBuffer();
        private final Thread reader;

        Requesting(URI server, Path home, Path logbackConfig) throws IOException {
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Dlogback.configurationFile=" + logbackConfig, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "device", "request", "--home", home.toString(), "--server", server.toString(), "--user", USER, "--timeout", "2");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("CHATVAULT_PASSWORD", PASSWORD);
            process = pb.start();
            reader = Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) output.append(line).append('\n');
                } catch (IOException ignored) {
                    // the process ended
                }
            });
        }

        String await(Pattern p) throws InterruptedException {
            for (int i = 0; i < 600; i++) {
                Matcher m = p.matcher(output);
                if (m.find()) return m.group(1);
                if (!process.isAlive() && i > 0) break;
                Thread.sleep(100);
            }
            throw new AssertionError("no " + p + " in: " + output);
        }

        int exit() throws InterruptedException {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(output.toString()).isTrue();
            reader.join(5000);
            return process.exitValue();
        }

        @Override public void close() { process.destroyForcibly(); }
    }

    private Path traceConfig() throws IOException {
        Path f = dir.resolve("logback-trace.xml");
        Files.writeString(f, """
                <configuration>
                  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.err</target>
                    <encoder><pattern>%level %logger %msg %kvp %mdc%n%ex</pattern></encoder>
                  </appender>
                  <root level="ALL"><appender-ref ref="STDERR"/></root>
                </configuration>
                """);
        return f;
    }

    private JsonNode get(String path, Path home) throws Exception {
        Profile p = new ProfileStore(home).require();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUri().resolve(path))
                .header("Authorization", "Bearer " + p.tokens().accessToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    @Test
    void noSecretIsLoggedOrPrintedDuringAFullSession() throws Exception {
        // init with a password and a passphrase
        env.put("CHATVAULT_PASSWORD", PASSWORD);
        env.put("CHATVAULT_PASSPHRASE", PASSPHRASE);
        assertThat(cli("init", "--home", home("phone").toString(), "--server", server.baseUri().toString(), "--user", USER,
                "--with-passphrase")).as(said()).isZero();
        Matcher shown = RECOVERY_KEY.matcher(printed);
        assertThat(shown.find()).as(printed.toString()).isTrue();
        String recoveryKey = shown.group(2);
        printed.delete(shown.start(1), shown.end(1)); // the one place the key is meant to appear

        // a small history, backed up
        try (LocalStore store = LocalStore.open(home("phone").resolve("local.db"))) {
            store.putConversation(new Conversation("c1", ConversationKind.DIRECT, "Chat with Max", List.of(USER, "max")));
            store.addMessages(List.of(Message.text("c1", "m1", T0, "max", "the boat leaves at nine"),
                    Message.text("c1", "m2", T0 + 1000, USER, "see you at the pier")));
        }
        assertThat(cli("backup", "--home", home("phone").toString())).as(said()).isZero();

        // a second device asks for approval; the first approves it with the code both show
        String requestOutput;
        try (Requesting tablet = new Requesting(server.baseUri(), home("tablet"), traceConfig())) {
            String code = tablet.await(CODE);
            String deviceId = tablet.await(DEVICE);
            assertThat(cli("device", "approve", deviceId, "--code", code, "--home", home("phone").toString())).as(said()).isZero();
            assertThat(tablet.exit()).as(tablet.output.toString()).isZero();
            requestOutput = tablet.output.toString();
        }
        assertThat(requestOutput).contains("Approved");
        rememberProfileSecrets();

        // restore on the new device, which then logs out; a password change on the first (it would end the
        // tablet's session anyway), which then logs out too
        assertThat(cli("restore", "--home", home("tablet").toString())).as(said()).isZero();
        try (LocalStore store = LocalStore.open(home("tablet").resolve("local.db"))) {
            List<String> texts = new ArrayList<>();
            store.forEachMessage("c1", Long.MIN_VALUE, m -> texts.add(m.text()));
            assertThat(texts).containsExactly("the boat leaves at nine", "see you at the pier");
        }
        assertThat(cli("logout", "--home", home("tablet").toString())).as(said()).isZero();
        env.put("CHATVAULT_NEW_PASSWORD", NEW_PASSWORD);
        assertThat(cli("password", "--home", home("phone").toString())).as(said()).isZero();
        assertThat(cli("status", "--home", home("phone").toString())).as(said()).isZero();
        JsonNode slots = get("/v1/keyslots", home("phone"));
        JsonNode devices = get("/v1/devices", home("phone"));
        assertThat(cli("logout", "--home", home("phone").toString())).as(said()).isZero();

        secrets.put("password", PASSWORD);
        secrets.put("new password", NEW_PASSWORD);
        secrets.put("passphrase", PASSPHRASE);
        secrets.put("recovery key", recoveryKey);
        secrets.put("recovery key without dashes", recoveryKey.replace("-", ""));
        secrets.put("login secret", LoginSecret.derivedBase64(USER, PASSWORD.toCharArray()));
        secrets.put("new login secret", LoginSecret.derivedBase64(USER, NEW_PASSWORD.toCharArray()));
        assertThat(secrets.keySet()).as("tokens, credentials and keys of both devices were gathered")
                .contains("phone access token", "phone refresh token", "phone device credential", "phone device private key",
                        "tablet access token", "tablet refresh token", "tablet device credential", "tablet device private key");

        String logged = captured.all();
        // kept for whoever reads a failure: what was scanned
        Files.writeString(Path.of("target", "session-log-scan.txt"), logged + "\n--- requesting device ---\n" + requestOutput
                + "\n--- printed ---\n" + printed);
        assertThat(logged).as("the scan saw the server and client at DEBUG").contains("DEBUG");
        assertThat(logged).as("nothing held back was dropped").doesNotContain("held back and dropped");
        String serverLogFiles = serverLogFiles();
        Map<String, String> places = Map.of("logs of this JVM", logged, "output of the requesting device", requestOutput,
                "what the commands printed", printed.toString(), "log files under the server's data directory", serverLogFiles);
        List<String> leaks = new ArrayList<>();
        for (var secret : secrets.entrySet())
            for (String form : forms(secret.getValue()))
                for (var place : places.entrySet())
                    if (place.getValue().contains(form)) leaks.add(secret.getKey() + " (as " + form + ") in " + place.getKey());
        assertThat(leaks).as("secrets found in logs or output").isEmpty();

        // not secret, but no business in a log above DEBUG either
        List<String> published = new ArrayList<>();
        slots.get("slots").forEach(s -> published.add(s.get("blob").asText()));
        published.add(devices.get("vaultPublicKey").asText());
        assertThat(published).hasSizeGreaterThanOrEqualTo(4); // recovery, passphrase, two devices, the vault key
        String info = captured.infoAndAbove();
        for (String p : published) {
            assertThat(info).doesNotContain(p);
            assertThat(requestOutput.lines().filter(l -> !l.startsWith("DEBUG") && !l.startsWith("TRACE")).toList()).noneMatch(l -> l.contains(p));
        }
        assertThat(printed.toString()).contains("Password changed").doesNotContain("the boat leaves at nine");
    }

    /** The value as it was written and, when it is base64 or hex of raw bytes, those bytes in the other encodings. */
    private static List<String> forms(String value) {
        List<String> forms = new ArrayList<>(List.of(value));
        byte[] raw = null;
        try {
            raw = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException notBase64) {
            try {
                raw = Base64.getUrlDecoder().decode(value);
            } catch (IllegalArgumentException notUrlBase64) {
                // a plain string: add its own encodings
            }
        }
        if (raw == null || raw.length < 12) raw = value.getBytes(StandardCharsets.UTF_8);
        forms.add(Base64.getEncoder().encodeToString(raw));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        forms.add(HexFormat.of().formatHex(raw));
        forms.add(HexFormat.of().withUpperCase().formatHex(raw));
        return forms.stream().distinct().filter(f -> f.length() >= 8).toList();
    }

    /** Every log file the server wrote under its data directory, concatenated. */
    private String serverLogFiles() throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("server"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().matches("(?i).*\\.(log|log\\.\\d+|out|err)$")).toList())
                b.append(Files.readString(f, StandardCharsets.ISO_8859_1));
        }
        return b.toString();
    }
}
