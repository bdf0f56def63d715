package org.chatvault.generator;

/**
 * UTC date-times for file names such as {@code IMG_20240514_183022.jpg}. Written by hand
 * (Hinnant's days-to-civil) because java.time formatting would dominate the cost of a media message.
 */
final class Dates {
    private Dates() {}

    /** Appends yyyy{ds}MM{ds}dd{mid}HH{ts}mm{ts}ss; a separator of 0 is left out. */
    static StringBuilder append(StringBuilder out, long epochMs, char ds, char mid, char ts) {
        long secs = Math.floorDiv(epochMs, 1000);
        long days = Math.floorDiv(secs, 86_400);
        int secOfDay = (int) (secs - days * 86_400);
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        out.append(year);
        sep(out, ds);
        two(out, month);
        sep(out, ds);
        two(out, day);
        sep(out, mid);
        two(out, secOfDay / 3600);
        sep(out, ts);
        two(out, secOfDay / 60 % 60);
        sep(out, ts);
        two(out, secOfDay % 60);
        return out;
    }

    private static void sep(StringBuilder out, char c) {
        if (c != 0) out.append(c);
    }

    private static void two(StringBuilder out, int v) {
        out.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
