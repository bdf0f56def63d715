package org.chatvault.client.importer.whatsapp;

import org.chatvault.client.importer.whatsapp.HeaderLine.DayPeriod;

/**
 * Reads the date and time at the start of a line, by hand rather than with one regular expression: every line
 * of a chat goes through here twice, and a pattern with a dozen AM/PM spellings at two places cost most of an
 * import's time. The forms it reads are {@link HeaderLine}'s.
 */
final class HeaderParser {
    private final String line;
    private int pos;

    private HeaderParser(String line) { this.line = line; }

    /** The header of {@code line}, or null when it does not start with one. */
    static HeaderLine parse(String line) {
        return new HeaderParser(line).header();
    }

    private HeaderLine header() {
        skipMarks();
        boolean ios = at('[');
        if (ios) pos++;
        skipMarks();
        int start = pos;
        int aDigits = digits(1, 4);
        if (aDigits < 0) return null;
        int a = number(start, aDigits);
        char sep = pos < line.length() ? line.charAt(pos) : 0;
        if (sep != '/' && sep != '.' && sep != '-') return null;
        pos++;
        skipSpaceAfterDot(sep);
        int bStart = pos, bDigits = digits(1, 2);
        if (bDigits < 0 || !at(sep)) return null;
        pos++;
        skipSpaceAfterDot(sep);
        int cStart = pos, cDigits = digits(1, 4);
        if (cDigits < 0) return null;
        boolean yearFirst = aDigits == 4;
        if (yearFirst ? cDigits > 2 : aDigits > 2 || (cDigits != 2 && cDigits != 4)) return null;
        if (at('.')) pos++;
        if (at(',')) pos++;
        if (skipSpaces() == 0) return null;
        DayPeriod period = period();
        if (period != null) skipSpaces();
        int hStart = pos, hDigits = digits(1, 2);
        if (hDigits < 0 || !(at(':') || at('.'))) return null;
        pos++;
        int mStart = pos;
        if (digits(2, 2) < 0) return null;
        int second = -1;
        if ((at(':') || at('.')) && isDigit(pos + 1) && isDigit(pos + 2) && !isDigit(pos + 3)) {
            second = number(pos + 1, 2);
            pos += 3;
        }
        int timeEnd = pos;
        if (period == null) {
            int before = pos;
            skipSpaces();
            period = period();
            if (period == null) pos = before;
            else timeEnd = pos;
        }
        if (ios) {
            if (!at(']')) return null;
            pos++;
        } else {
            if (skipSpaces() == 0 || !(at('-') || at('–'))) return null;
            pos++;
            if (pos < line.length() && !isSpace(line.charAt(pos))) return null;
        }
        skipMarks();
        if (pos < line.length() && isSpace(line.charAt(pos))) pos++;
        return HeaderLine.of(line.substring(start, timeEnd), a, number(bStart, bDigits), number(cStart, cDigits), yearFirst,
                !yearFirst && cDigits == 2, number(hStart, hDigits), number(mStart, 2), second, period, line.substring(pos), ios);
    }

    /** The AM/PM marker at the cursor in one of the spellings WhatsApp uses, consumed; null if none. */
    private DayPeriod period() {
        if (pos + 1 >= line.length()) return null;
        char c = line.charAt(pos), n = line.charAt(pos + 1);
        if ((c == 'A' || c == 'P') && n == 'M') {
            pos += 2;
            return c == 'A' ? DayPeriod.AM : DayPeriod.PM;
        }
        boolean a = c == 'a' || c == 'A', p = c == 'p' || c == 'P';
        if ((a || p) && n == 'm') {
            pos += 2;
            return a ? DayPeriod.AM_OTHER : DayPeriod.PM_OTHER;
        }
        if ((a || p) && n == '.') {
            // "a.m.", "A.M.", "a. m." (Spanish, with a space, a no-break space or U+202F)
            int j = pos + 2;
            if (j < line.length() && isSpace(line.charAt(j))) j++;
            if (j + 1 < line.length() && (line.charAt(j) == 'm' || line.charAt(j) == 'M') && line.charAt(j + 1) == '.') {
                pos = j + 2;
                return a ? DayPeriod.AM_OTHER : DayPeriod.PM_OTHER;
            }
            return null;
        }
        String two = line.substring(pos, pos + 2);
        DayPeriod p2 = switch (two) {
            case "上午", "午前", "오전" -> DayPeriod.AM_OTHER;
            case "下午", "午後", "오후" -> DayPeriod.PM_OTHER;
            default -> null;
        };
        if (p2 != null) pos += 2;
        return p2;
    }

    /** Consumes {@code min}..{@code max} digits (not followed by another digit); their count, or -1. */
    private int digits(int min, int max) {
        int from = pos;
        while (pos < line.length() && pos - from < max && isDigit(pos)) pos++;
        int count = pos - from;
        if (count < min || (pos < line.length() && isDigit(pos))) return -1;
        return count;
    }

    private int number(int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) v = v * 10 + (line.charAt(i) - '0');
        return v;
    }

    private boolean isDigit(int i) {
        if (i >= line.length()) return false;
        char ch = line.charAt(i);
        return ch >= '0' && ch <= '9';
    }

    /** Korean and Hungarian phones write {@code 2024. 12. 31.}: a space after each dot. */
    private void skipSpaceAfterDot(char sep) {
        if (sep == '.' && at(' ')) pos++;
    }

    private boolean at(char ch) { return pos < line.length() && line.charAt(pos) == ch; }

    private void skipMarks() {
        while (pos < line.length() && HeaderLine.isMark(line.charAt(pos))) pos++;
    }

    private int skipSpaces() {
        int from = pos;
        while (pos < line.length() && isSpace(line.charAt(pos))) pos++;
        return pos - from;
    }

    private static boolean isSpace(char ch) { return ch == ' ' || ch == '\u00A0' || ch == '\u202F'; }
}
