package org.chatvault.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/** Days and months typed on the command line (YYYY-MM-DD or YYYY-MM), read in a time zone. */
final class DayOption {
    private DayOption() {}

    /** The zone named by {@code --zone}, or this computer's. */
    static ZoneId zone(String zone) {
        if (zone == null) return ZoneId.systemDefault();
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new CliException("'" + zone + "' is not a time zone: write a region like Asia/Shanghai, or an offset like +08:00");
        }
    }

    /** The first instant of the day or month, as UTC epoch ms. */
    static long start(String option, String value, ZoneId zone) {
        return parse(option, value, false).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The first instant after the day or month (an exclusive end), as UTC epoch ms. */
    static long end(String option, String value, ZoneId zone) {
        return parse(option, value, true).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private static LocalDate parse(String option, String value, boolean after) {
        try {
            if (value.length() <= 7) {
                YearMonth month = YearMonth.parse(value);
                return after ? month.plusMonths(1).atDay(1) : month.atDay(1);
            }
            LocalDate day = LocalDate.parse(value);
            return after ? day.plusDays(1) : day;
        } catch (DateTimeException e) {
            throw new CliException(option + " '" + value + "' is not a date: write YYYY-MM-DD or YYYY-MM, e.g. 2025-01");
        }
    }
}
