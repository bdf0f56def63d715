package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'export --format json|txt' and 'import' of that export from the command line, and a broken export refused in one line. */
class ChatvaultJsonCliTest extends ConsoleTest {
    @TempDir Path dir;

    @Test
    void exportsJsonAndTextAndImportsTheJsonOnce() throws IOException {
        String source = dir.resolve("source.db").toString();
        String target = dir.resolve("target.db").toString();
        assertThat(Main.run("generate", "--db", source, "--seed", "3", "--conversations", "5", "--messages", "1500")).isZero();
        Path json = dir.resolve("json");
        assertThat(Main.run("export", "--db", source, "--format", "json", json.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("Exported 5 conversation(s), 1,500 message(s)").contains("as json to " + json);
        Path txt = dir.resolve("txt");
        assertThat(Main.run("export", "--db", source, "--format", "txt", "--zone", "Asia/Shanghai", txt.toString())).as(stderr()).isZero();
        assertThat(txt.resolve("index.txt")).content().contains("5 conversation(s), 1500 message(s); times in Asia/Shanghai");

        out.reset();
        assertThat(Main.run("import", "--db", target, json.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("(chatvault-json, times in").contains("5 conversation(s), 1,500 message(s) read, 1,500 new");
        out.reset();
        assertThat(Main.run("import", "--db", target, "--format", "chatvault-json", json.resolve("chatvault-export.json").toString())).isZero();
        assertThat(stdout()).contains("1,500 message(s) read, 0 new").contains("Nothing new");
    }

    @Test
    void aBrokenExportIsRefusedInOneLineWithExitCodeOne() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken")).resolve("chatvault-export.json");
        Files.writeString(broken, "{\"format\": \"chatvault-export\", \"version\": 1, \"conversations\": [\n"
                + "{\"id\": \"c1\", \"kind\": \"GROUP\", \"messages\": [{\"id\": \"m1\", \"sentAt\": 1.5e12, \"sender\": \"a\", \"type\": \"TEXT\"}]}]}");
        String db = dir.resolve("local.db").toString();
        assertThat(Main.run("import", "--db", db, broken.getParent().toString())).isEqualTo(1);
        assertThat(stderr().strip()).doesNotContain("\n").doesNotContain("Exception")
                .contains("chatvault-export.json, $.conversations[0].messages[0].sentAt, line 2: expected a whole number, found 1.5e12");
    }
}
