package org.chatvault.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {
    private static final long END = HistoryGeneratorTest.END;

    @Test
    void defaults() {
        GeneratorOptions o = GeneratorOptions.of(1, 10, 100, END);
        assertThat(o.years()).isEqualTo(3);
        assertThat(o.ephemeralShare()).isEqualTo(0.005);
        assertThat(o.withYears(5).years()).isEqualTo(5);
        assertThat(o.withEphemeralShare(0).ephemeralShare()).isZero();
    }

    @Test
    void rejectsWhatCannotBeGenerated() {
        assertThatThrownBy(() -> GeneratorOptions.of(1, 0, 10, END)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorOptions.of(1, 1, -1, END)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorOptions.of(1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorOptions.of(1, 1, 1, END).withYears(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorOptions.of(1, 1, 1, END).withEphemeralShare(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorOptions.of(1, 1, 1, END).withEphemeralShare(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratorOptions.of(1, 1, 200_000_000, END)).isInstanceOf(IllegalArgumentException.class);
    }
}
