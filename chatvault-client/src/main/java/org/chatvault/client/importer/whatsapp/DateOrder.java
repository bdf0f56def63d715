package org.chatvault.client.importer.whatsapp;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * Which field of a WhatsApp date is the day. The export writes dates in the phone's locale
 * ({@code 31/12/2024}, {@code 12/31/24}, {@code 31.12.24}, {@code 2024/12/31}) and never says which,
 * so the order is inferred once per file from all its dates, by {@link Evidence}:
 * <ol>
 *   <li>a four-digit first field: year, month, day;</li>
 *   <li>any first field above 12: day first; any second field above 12: month first (both in one file: refused);</li>
 *   <li>nothing decides (every day of the chat is ≤ 12): day first, as most locales write it, unless the file
 *       uses the upper-case {@code AM}/{@code PM} of a US phone, then month first. Lower-case {@code am}/{@code pm}
 *       (en-GB, en-AU, en-IN) and other languages' markers ({@code p. m.}, {@code 下午}) leave it day first.</li>
 * </ol>
 */
enum DateOrder {
    DAY_FIRST, MONTH_FIRST, YEAR_FIRST;

    /** The local date and time of {@code h} in this order; a date that does not exist is a {@link DateTimeException}. */
    LocalDateTime localTime(HeaderLine h) {
        int year, month, day;
        if (h.yearFirst()) {
            year = h.a();
            month = h.b();
            day = h.c();
        } else {
            year = h.twoDigitYear() ? 2000 + h.c() : h.c();
            month = this == MONTH_FIRST ? h.a() : h.b();
            day = this == MONTH_FIRST ? h.b() : h.a();
        }
        int hour = h.hour();
        if (h.period() != null) {
            if (hour < 1 || hour > 12) throw new DateTimeException("hour " + hour + " on a 12-hour clock");
            hour = hour % 12 + (h.period().afternoon() ? 12 : 0);
        }
        return LocalDateTime.of(year, month, day, hour, h.minute(), Math.max(0, h.second()));
    }

    /** What a file's dates say about their order, gathered line by line. */
    static final class Evidence {
        private String dayFirstAt;
        private String monthFirstAt;
        private boolean yearFirst;
        private boolean usClock;

        /**
         * @param where where a line is, for the message when the file contradicts itself
         * @return null, or the contradiction: this line and an earlier one cannot both be read in one order
         */
        String add(HeaderLine h, long line, java.util.function.LongFunction<String> where) {
            if (h.yearFirst()) {
                yearFirst = true;
                return null;
            }
            if (h.period() != null && h.period().upperCaseEnglish()) usClock = true;
            if (h.a() > 12 && dayFirstAt == null) dayFirstAt = where.apply(line) + " ('" + h.timestamp() + "')";
            if (h.b() > 12 && monthFirstAt == null) monthFirstAt = where.apply(line) + " ('" + h.timestamp() + "')";
            if (dayFirstAt != null && monthFirstAt != null)
                return "its dates mix day-first (" + dayFirstAt + ") and month-first (" + monthFirstAt
                        + ") order; expected one order throughout the file";
            return null;
        }

        DateOrder decide() {
            if (dayFirstAt != null) return DAY_FIRST;
            if (monthFirstAt != null) return MONTH_FIRST;
            if (yearFirst) return YEAR_FIRST;
            return usClock ? MONTH_FIRST : DAY_FIRST;
        }
    }
}
