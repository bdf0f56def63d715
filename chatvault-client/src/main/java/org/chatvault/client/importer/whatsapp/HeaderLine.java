package org.chatvault.client.importer.whatsapp;

/**
 * The start of a message line, as WhatsApp writes it on Android ({@code 31/12/2024, 23:59 - Name: text},
 * {@code 12/31/24, 11:59 PM - Name: text}, {@code 31.12.24, 23:59 - …}, {@code 2024/12/31 下午11:59 - …},
 * {@code 2024. 12. 31. 오후 11:59 - …}) and on
 * iOS ({@code [31/12/2024, 23:59:59] Name: text}), with the direction marks (U+200E, U+200F) the exporter puts
 * at line starts and the narrow no-break space (U+202F) it puts before AM/PM. The date's fields are kept as
 * read: which is the day and which the month is only known once the whole file has been seen ({@link DateOrder}).
 *
 * @param a       the date's first field; {@code yearFirst} when it has four digits
 * @param b       the second field
 * @param c       the third field (a year unless {@code yearFirst})
 * @param second  -1 where the line has no seconds (Android)
 * @param period  the 12-hour clock's half of the day, null on a 24-hour clock
 * @param sender  the name before {@code ": "}, null for a system line (Android writes those without a name)
 * @param text    the rest of the line after the sender (the whole rest for a system line)
 * @param ios     the bracketed iOS form
 */
record HeaderLine(String timestamp, int a, int b, int c, boolean yearFirst, boolean twoDigitYear, int hour, int minute,
                  int second, DayPeriod period, String sender, String text, boolean ios) {

    /** Direction and formatting marks WhatsApp puts around names, times and attachments. */
    static final String MARKS = "\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF";

    /** The header of {@code line}, or null when it is a continuation of the message before. */
    static HeaderLine parse(String line) {
        if (line.isEmpty()) return null;
        char first = line.charAt(0);
        // most lines of a long chat are messages' own lines: decide cheaply before the parser runs
        if (!(first == '[' || (first >= '0' && first <= '9') || isMark(first))) return null;
        return HeaderParser.parse(line);
    }

    /** A header from its parts; {@code rest} (what follows the time) is split into sender and text here. */
    static HeaderLine of(String timestamp, int a, int b, int c, boolean yearFirst, boolean twoDigitYear, int hour, int minute,
                         int second, DayPeriod period, String rest, boolean ios) {
        String sender = null;
        String text = rest;
        int colon = rest.indexOf(": ");
        if (colon < 0 && rest.endsWith(":")) colon = rest.length() - 1;
        if (colon > 0) {
            String name = strip(rest.substring(0, colon));
            if (!name.isEmpty() && !quotes(name)) {
                sender = name;
                text = rest.substring(Math.min(rest.length(), colon + 2));
            }
        }
        return new HeaderLine(timestamp, a, b, c, yearFirst, twoDigitYear, hour, minute, second, period, sender, text, ios);
    }

    /** Whether {@code s} holds a quotation mark: no one puts one in a display name, but system lines quote subjects with them. */
    private static boolean quotes(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '“' || ch == '”' || ch == '„' || ch == '«' || ch == '»') return true;
        }
        return false;
    }

    /** {@code s} without the direction marks around it, nor spaces. */
    static String strip(String s) {
        int from = 0, to = s.length();
        while (from < to && isMarkOrSpace(s.charAt(from))) from++;
        while (to > from && isMarkOrSpace(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    static boolean isMark(char ch) {
        return ch == '\u200E' || ch == '\u200F' || ch == '\uFEFF' || (ch >= '\u202A' && ch <= '\u202E')
                || (ch >= '\u2066' && ch <= '\u2069');
    }

    private static boolean isMarkOrSpace(char ch) {
        return isMark(ch) || Character.isWhitespace(ch) || ch == '\u00A0' || ch == '\u202F';
    }

    /** The half of the day a 12-hour clock names: the upper-case AM/PM of en-US, or another locale's marker. */
    enum DayPeriod {
        AM, PM, AM_OTHER, PM_OTHER;

        boolean afternoon() { return this == PM || this == PM_OTHER; }

        /** The upper-case AM/PM that en-US writes (en-GB, en-AU and en-IN write lower case, day first). */
        boolean upperCaseEnglish() { return this == AM || this == PM; }
    }
}
