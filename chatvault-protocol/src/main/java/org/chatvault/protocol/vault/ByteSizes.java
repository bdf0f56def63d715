package org.chatvault.protocol.vault;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts for people, in binary units: {@code 512 B}, {@code 12.3 MiB}, {@code 50 GiB}, {@code 49.99 GiB}. */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSizes() {}

    /**
     * At most two decimals, trailing zeros dropped; rounded down, so a figure just under a limit never reads as the
     * limit itself.
     */
    public static String describe(long bytes) {
        if (bytes < 0) return "-" + describe(-bytes);
        int unit = 0;
        while (unit + 1 < UNITS.length && bytes >= 1L << (10 * (unit + 1))) unit++;
        if (unit == 0) return bytes + " B";
        BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1L << (10 * unit)));
        BigDecimal shown = value.setScale(2, RoundingMode.DOWN).stripTrailingZeros();
        return shown.toPlainString() + " " + UNITS[unit];
    }
}
