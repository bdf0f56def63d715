package org.chatvault.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolProcessTest {
    @TempDir Path dir;

    @Test
    void aToolGetsTheSecretsInItsEnvironmentAndItsOutputIsKept() throws IOException {
        ToolProcess.Result r = ToolProcess.run("sh", List.of("sh", "-c", "printf %s \"$SECRET\"; pwd >&2"), dir, Map.of("SECRET", "s3cret"));
        assertThat(r.stdout()).isEqualTo("s3cret");
        assertThat(r.stderr().strip()).isEqualTo(dir.toRealPath().toString());
        assertThat(r.wallSeconds()).isPositive();
    }

    @Test
    void aFailedToolIsNamedWithItsExitStatusAndTheTailOfItsErrors() {
        String script = "echo not this; for i in $(seq 1 30); do echo line $i >&2; done; exit 3";
        assertThatThrownBy(() -> ToolProcess.run("restic backup", List.of("sh", "-c", script), dir, Map.of()))
                .isInstanceOf(ToolProcess.ToolFailedException.class)
                .hasMessageStartingWith("restic backup failed (exit 3)")
                .hasMessageContaining("line 30").hasMessageContaining("line 11").hasMessageNotContaining("line 10\n")
                .hasMessageNotContaining("not this");
        assertThatThrownBy(() -> ToolProcess.run("restic", List.of(dir.resolve("no-such-tool").toString()), dir, Map.of()))
                .isInstanceOf(ToolProcess.ToolFailedException.class).hasMessageStartingWith("restic");
    }

    @Test
    void thePeakRssIsReadFromGnuTimesLastLine() throws IOException {
        Path file = Files.writeString(dir.resolve("rss"), "Command exited with non-zero status 1\n12345\n");
        assertThat(ToolProcess.peakRss(file)).isEqualTo(12345 * 1024.0);
        assertThat(ToolProcess.peakRss(Files.writeString(dir.resolve("empty"), ""))).isNaN();
        assertThat(ToolProcess.peakRss(dir.resolve("absent"))).isNaN();
    }

    @Test
    void sizeOnDiskSumsTheFilesBelow() throws IOException {
        Files.write(Files.createDirectories(dir.resolve("a/b")).resolve("x"), new byte[1000]);
        Files.write(dir.resolve("y"), new byte[24]);
        assertThat(ToolProcess.bytesUnder(dir)).isEqualTo(1024);
    }
}
