package org.chatvault.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CompareOptionsTest {
    @Test
    void defaultsAreTheIssuesLargePresetAndTheDebianTools() {
        CompareOptions o = CompareOptions.parse();
        assertThat(o.conversations()).isEqualTo(1_000);
        assertThat(o.messages()).isEqualTo(2_000_000);
        assertThat(o.runs()).isEqualTo(3);
        assertThat(o.restic()).isEqualTo(Path.of("/usr/bin/restic"));
        assertThat(o.borg()).isEqualTo(Path.of("/usr/bin/borg"));
        assertThat(o.cli()).isEqualTo(Path.of("chatvault"));
        assertThat(o.keep()).isNull();
    }

    @Test
    void aPresetThenExplicitSizesTakeTheLastWord() {
        CompareOptions o = CompareOptions.parse("--preset", "small", "--messages", "1_000", "--runs", "2", "--seed", "7",
                "--cli", "/tmp/cv.jar", "--restic", "/opt/restic", "--borg", "/opt/borg", "--keep", "/tmp/k");
        assertThat(o).isEqualTo(new CompareOptions(100, 1_000, 2, 7, Path.of("/tmp/cv.jar"), Path.of("/opt/restic"), Path.of("/opt/borg"),
                Path.of("/tmp/k")));
        assertThat(CompareOptions.parse("--preset", "medium").messages()).isEqualTo(500_000);
    }

    @Test
    void mistakesAreNamedInWords() {
        assertThatThrownBy(() -> CompareOptions.parse("--preset", "huge")).hasMessageContaining("small, medium or large");
        assertThatThrownBy(() -> CompareOptions.parse("--runs")).hasMessage("--runs needs a value");
        assertThatThrownBy(() -> CompareOptions.parse("--runs", "two")).hasMessage("--runs: 'two' is not a whole number");
        assertThatThrownBy(() -> CompareOptions.parse("--runs", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> CompareOptions.parse("--conversations", "99999999999")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> CompareOptions.parse("--conversations", "10", "--messages", "5")).hasMessageContaining("one message per conversation");
        assertThatThrownBy(() -> CompareOptions.parse("--fast")).hasMessage("unknown option --fast");
    }
}
