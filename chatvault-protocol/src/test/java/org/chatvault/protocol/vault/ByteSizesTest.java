package org.chatvault.protocol.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    static final long KIB = 1024, MIB = KIB * KIB, GIB = MIB * KIB;

    @Test
    void bytesAreShownInBinaryUnitsWithAtMostTwoDecimalsRoundedDown() {
        assertThat(ByteSizes.describe(0)).isEqualTo("0 B");
        assertThat(ByteSizes.describe(1023)).isEqualTo("1023 B");
        assertThat(ByteSizes.describe(KIB)).isEqualTo("1 KiB");
        assertThat(ByteSizes.describe(12 * MIB + 3 * MIB / 10 + 1)).isEqualTo("12.3 MiB");
        assertThat(ByteSizes.describe(50 * GIB)).isEqualTo("50 GiB");
        // Just under a limit never reads as the limit.
        assertThat(ByteSizes.describe(50 * GIB - 1)).isEqualTo("49.99 GiB");
        assertThat(ByteSizes.describe(200 * GIB)).isEqualTo("200 GiB");
        assertThat(ByteSizes.describe(Long.MAX_VALUE)).isEqualTo("7.99 EiB");
        assertThat(ByteSizes.describe(-2 * KIB)).isEqualTo("-2 KiB");
    }
}
