package org.chatvault.core.format;

import java.time.LocalDate;

/** Calendar months in UTC written as yyyymm integers, the unit of time buckets. */
public final class Months {
    private static final long MS_PER_DAY = 86_400_000L;

    private Months() {}

    public static int of(long epochMillis) {
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MS_PER_DAY));
        return d.getYear() * 100 + d.getMonthValue();
    }

    /** Whether {@code yyyymm} is a month from January 1970 to December 9999. */
    public static boolean isValid(int yyyymm) {
        int month = yyyymm % 100;
        return yyyymm >= 197001 && yyyymm <= 999912 && month >= 1 && month <= 12;
    }

    /** First millisecond of the month. */
    public static long start(int yyyymm) {
        return LocalDate.of(yyyymm / 100, yyyymm % 100, 1).toEpochDay() * MS_PER_DAY;
    }
}
