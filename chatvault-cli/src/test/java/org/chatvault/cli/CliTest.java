package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The command line as a user runs it: exit codes and what it prints. */
class CliTest extends ConsoleTest {
    @TempDir Path dir;

    @Test
    void demoRunsEndToEndAndSaysSo() {
        int code = Main.run("demo", "--messages", "4000", "--conversations", "25", "--dir", dir.resolve("demo").toString());
        assertThat(code).as(stderr()).isZero();
        // version 2 is the media backup's commit, 3 the incremental text backup after it, 4 and 5 the two phones' merges
        assertThat(stdout()).contains("initial backup: version 1").contains("head version 2").contains("incremental backup: version 3")
                .contains("new phone: backup: version 4").contains("old phone: backup: version 5 (first merged 300 messages from other devices")
                .contains("new phone again: backup: version 5 (first merged 300 messages").contains("verify: version 5").containsPattern("[1-9][0-9,]* media files \\([1-9][0-9,]* objects read\\)")
                .contains("all good").contains("the same media files: demo passed");
    }

    @Test
    void demoWithoutMediaStillPasses() {
        int code = Main.run("demo", "--messages", "2000", "--conversations", "10", "--media-scale", "0", "--dir", dir.resolve("demo0").toString());
        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains("incremental backup: version 2").contains("verify: version 4").contains("demo passed").doesNotContain("media:");
    }

    @Test
    void backupWithoutAnAccountFailsWithAClearMessage() {
        int code = Main.run("backup", "--home", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("no account on this device yet").contains("chatvault init");
    }

    @Test
    void generateThenSearchFindsChineseText() {
        String db = dir.resolve("local.db").toString();
        assertThat(Main.run("generate", "--db", db, "--seed", "5", "--conversations", "10", "--messages", "3000")).isZero();
        assertThat(stdout()).contains("generated 3,000 messages in 10 conversations");
        out.reset();
        assertThat(Main.run("search", "--db", db, "的")).isZero();
        assertThat(stdout()).containsPattern("[1-9][0-9]* hit\\(s\\)");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(Main.run("backup", "--frobnicate")).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option");
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : new String[] {"server", "init", "login", "generate", "backup", "restore", "verify", "search", "status", "demo",
                "device", "device request", "device approve", "device list", "device revoke", "device rename", "logout", "password", "audit",
                "account delete", "account settings"}) {
            out.reset();
            assertThat(Main.run((cmd + " --help").split(" "))).as(cmd).isZero();
            assertThat(stdout()).as(cmd).contains("Usage: chatvault " + cmd).contains("Example:");
        }
    }

    @Test
    void badInputIsRefusedInWordsBeforeAnythingHappens() {
        Path home = dir.resolve("home");
        assertThat(Main.run("demo", "--messages", "-5", "--dir", dir.resolve("d").toString())).isEqualTo(1);
        assertThat(stderr()).contains("--messages must be at least 1, not -5").doesNotContain("Exception");
        assertThat(dir.resolve("d").resolve("server")).doesNotExist();

        assertThat(Main.run("restore", "--home", home.toString(), "--since", "2026-13")).isEqualTo(2);
        assertThat(stderr()).contains("'2026-13' is not a month: write YYYY-MM").doesNotContain("DateTimeParseException");

        assertThat(Main.run("init", "--home", home.toString(), "--server", "127.0.0.1:8420", "--user", "x")).isEqualTo(2);
        assertThat(stderr()).contains("add http:// or https://").doesNotContain("URISyntaxException");

        String db = home.resolve("local.db").toString();
        assertThat(Main.run("generate", "--db", db, "--messages", "10", "--media-scale", "2")).isEqualTo(1);
        assertThat(stderr()).contains("--media-scale must be greater than 0 and at most 1");
        assertThat(home.resolve("local.db")).as("nothing written before the refusal").doesNotExist();

        assertThat(Main.run("search", "--home", home.toString(), "hello")).isEqualTo(1);
        assertThat(stderr()).contains("no local database at");
        assertThat(Main.run("status", "--home", home.toString())).isZero();
        assertThat(stdout()).contains("local database: none yet");
        assertThat(home.resolve("local.db")).as("status and search create no database").doesNotExist();
    }

    @Test
    void anUnknownCommandIsAUsageErrorEvenWithHelp() {
        // ("device" was the example here until issue 10 made it a command; "teleport" stays unknown)
        assertThat(Main.run("teleport", "request", "--help")).isEqualTo(2);
        assertThat(stderr()).contains("unknown command 'teleport'");
        assertThat(stdout()).doesNotContain("Usage: chatvault");
        err.reset();
        assertThat(Main.run("teleport")).isEqualTo(2);
        assertThat(stderr()).contains("unknown command 'teleport'");
        err.reset();
        assertThat(Main.run("device", "teleport", "--help")).isEqualTo(2);
        assertThat(stderr()).contains("chatvault device: unknown command 'teleport'");
        err.reset();
        assertThat(Main.run("media", "frob")).isEqualTo(2);
        assertThat(stderr()).contains("chatvault media: unknown command 'frob'");
        assertThat(Main.run("--help")).as("help itself still works").isZero();
    }

    @Test
    void homeMayComeBeforeTheCommand() {
        Path home = dir.resolve("early");
        assertThat(Main.run("--home", home.toString(), "status")).isZero();
        assertThat(stdout()).contains("local database: none yet at " + home.resolve("local.db"));
        out.reset();
        Path other = dir.resolve("other");
        assertThat(Main.run("--home", home.toString(), "status", "--home", other.toString())).isZero();
        assertThat(stdout()).as("the command's own --home wins").contains("none yet at " + other.resolve("local.db"));
    }

    @Test
    void progressBarsOnlyOnATerminalAndStatusCountsMediaNotBackedUp() {
        assertThat(Progress.onTerminal()).as("tests run without a terminal").isFalse();
        Path home = dir.resolve("home");
        assertThat(Main.run("generate", "--home", home.toString(), "--seed", "3", "--conversations", "8", "--messages", "2000",
                "--media-scale", "0.001")).isZero();
        assertThat(stdout()).contains("generated 2,000 messages").contains("media files");
        assertThat(stderr()).as("no progress bar drawn into a pipe").doesNotContain("generate").doesNotContain("media").doesNotContain("%");
        out.reset();
        assertThat(Main.run("status", "--home", home.toString())).isZero();
        assertThat(stdout()).containsPattern("media waiting for backup: [1-9][0-9,]* files and [1-9][0-9,]* thumbnails \\([1-9][0-9,]* bytes\\)");
    }

    @Test
    void theEmbeddedServersLogLinesWaitUntilTheDemoHasSpoken() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // for each log event that reaches the console, how much the demo had printed by then
        List<Integer> printedWhenLogged = Collections.synchronizedList(new ArrayList<>());
        AppenderBase<ILoggingEvent> probe = new AppenderBase<>() {
            @Override protected void append(ILoggingEvent e) { printedWhenLogged.add(out.size()); }
        };
        probe.setContext(root.getLoggerContext());
        probe.start();
        root.addAppender(probe);
        try {
            assertThat(Main.run("demo", "--messages", "1500", "--conversations", "8", "--media-scale", "0", "--dir", dir.resolve("d").toString()))
                    .as(stderr()).isZero();
            org.slf4j.LoggerFactory.getLogger("org.chatvault.server").info("after the demo");
        } finally {
            root.detachAppender(probe);
        }
        int printed = out.size();
        assertThat(stdout()).contains("demo passed");
        assertThat(printedWhenLogged).as("the embedded server logged").hasSizeGreaterThan(1);
        assertThat(printedWhenLogged).as("every log line came after the demo's output").allMatch(n -> n == printed);
    }
}
