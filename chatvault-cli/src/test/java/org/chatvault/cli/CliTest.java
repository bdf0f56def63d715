package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        for (String cmd : new String[] {"server", "init", "login", "generate", "backup", "restore", "verify", "search", "status", "demo"}) {
            out.reset();
            assertThat(Main.run(cmd, "--help")).as(cmd).isZero();
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
}
