package org.chatvault.cli;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/** Plan terms in words: a retention period, a quota. */
final class Plans {
    private Plans() {}

    /** {@code P2Y} as "2 years", {@code P30D} as "30 days". */
    static String period(String iso) {
        Period p = Period.parse(iso);
        List<String> parts = new ArrayList<>();
        if (p.getYears() != 0) parts.add(count(p.getYears(), "year"));
        if (p.getMonths() != 0) parts.add(count(p.getMonths(), "month"));
        if (p.getDays() != 0) parts.add(count(p.getDays(), "day"));
        return String.join(" ", parts);
    }

    private static String count(int n, String unit) { return n + " " + unit + (n == 1 ? "" : "s"); }

    /** Binary units, as the catalog is written: 200 MiB, 50 GiB. */
    static String bytes(long b) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.format("%.0f", v) : String.format("%.1f", v)) + " " + units[u];
    }
}
