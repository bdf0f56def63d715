package org.chatvault.client.importer.wechat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/** WeChat's times: epoch seconds (UTC, preferred) or a local {@code 2024-01-05 21:03:12} read in the import's zone. */
final class WeChatTimes {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    /** Above this an epoch number is milliseconds, not seconds (seconds reach it in the year 5138). */
    private static final long MILLIS_FROM = 100_000_000_000L;

    private WeChatTimes() {}

    /** @return UTC epoch milliseconds, or null when {@code text} is not an epoch number */
    static Long epoch(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 15) return null;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return null;
        long n = Long.parseLong(s);
        return n >= MILLIS_FROM ? n : n * 1000;
    }

    /** @return UTC epoch milliseconds, or null when {@code text} is not a local time like 2024-01-05 21:03:12 */
    static Long local(String text, ZoneId zone) {
        try {
            return LocalDateTime.parse(text.strip(), LOCAL).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
