package org.chatvault.client.importer.qq;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line that starts a message in QQ's export: {@code 2024-01-05 9:03:12 张三(123456)}, with an
 * optional 12-hour marker before or after the time ({@code 下午 9:03:12}, {@code 9:03:12 PM}), and
 * the sender as {@code 昵称(QQ号)} or {@code 昵称<email>}. The number is the last parenthesised
 * group, so a nickname may hold parentheses itself ({@code 小(明)(12345)} is 小(明), QQ 12345).
 *
 * @param rawTime the time as written (part of a message's id: the same line always gives the same id)
 * @param sentAt  UTC epoch milliseconds, the written time read in the import's zone
 * @param sender  the nickname with its number, {@code 张三 (123456)}, or with its address, {@code 张三 <a@b.cn>}
 * @param system  whether QQ itself wrote it (QQ 10000, "系统消息")
 */
record QqHeaderLine(String rawTime, long sentAt, String sender, boolean system) {
    private static final Pattern LINE = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2}) +(?:(上午|下午|AM|PM|am|pm) *)?(\\d{1,2}):(\\d{2}):(\\d{2})(?: +(AM|PM|am|pm))? +(\\S.*)");
    private static final Pattern BY_NUMBER = Pattern.compile("(.*)\\((\\d{5,12})\\)");
    private static final Pattern BY_ADDRESS = Pattern.compile("(.*)<([^<>\\s]+@[^<>\\s]+)>");
    private static final String SYSTEM_NUMBER = "10000";

    /**
     * @return the message line, or null when {@code line} does not have the shape of one
     * @throws DateTimeException for a line of that shape whose date or time does not exist (2024-02-30, 25:00:00)
     */
    static QqHeaderLine parse(String line, ZoneId zone) {
        // most lines are bodies: a cheap look at the first characters spares them the pattern
        if (line.length() < 16 || line.charAt(4) != '-' || !Character.isDigit(line.charAt(0))) return null;
        Matcher m = LINE.matcher(line);
        if (!m.matches()) return null;
        String[] sender = senderOf(m.group(9).strip());
        if (sender == null) return null;
        int hour = Integer.parseInt(m.group(5));
        String marker = m.group(4) != null ? m.group(4) : m.group(8);
        if (marker != null) hour = twentyFourHour(hour, marker);
        LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), hour, Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)));
        long sentAt = local.atZone(zone).toInstant().toEpochMilli();
        String rawTime = line.substring(0, m.start(9)).strip();
        String display = sender[0].isEmpty() ? sender[1] : sender[0] + " " + sender[2];
        return new QqHeaderLine(rawTime, sentAt, display, SYSTEM_NUMBER.equals(sender[1]));
    }

    /** {nickname, number or address, the number or address as shown}, or null when the text names no sender. */
    private static String[] senderOf(String text) {
        Matcher n = BY_NUMBER.matcher(text);
        if (n.matches()) return new String[] {n.group(1).strip(), n.group(2), "(" + n.group(2) + ")"};
        Matcher a = BY_ADDRESS.matcher(text);
        if (a.matches()) return new String[] {a.group(1).strip(), a.group(2), "<" + a.group(2) + ">"};
        return null;
    }

    private static int twentyFourHour(int hour, String marker) {
        if (hour < 1 || hour > 12) return hour; // already 24-hour (some exports write 下午 13:05:00): take it as it is
        boolean afternoon = marker.equals("下午") || marker.equalsIgnoreCase("PM");
        return afternoon ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour);
    }
}
