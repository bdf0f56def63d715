package org.chatvault.bench.compare;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures the Chatvault CLI prints: the recovery key of {@code init}, the summary line
 * of {@code backup} and {@code restore}, and the server's usage from {@code status}. A line that
 * is not there fails with the output it searched, so a changed CLI message is found at once.
 */
final class CliOutput {
    private static final String NUMBER = "(\\d[\\d,.\\u00a0\\u202f']*)";
    private static final String SECONDS = "(\\d+(?:[.,]\\d+)?)";
    private static final Pattern RECOVERY_KEY = Pattern.compile("RECOVERY KEY[^\\n]*\\R\\s*(\\S+)");
    private static final Pattern BACKUP = Pattern.compile("^backup: version \\d+.*?, " + NUMBER + " messages encoded.*?, "
            + NUMBER + " objects \\(" + NUMBER + " bytes\\) uploaded.*, " + SECONDS + " s\\s*$", Pattern.MULTILINE);
    private static final Pattern RESTORE = Pattern.compile("^restore: version \\d+, " + NUMBER + " conversations, " + NUMBER
            + " messages; first screen after " + NUMBER + " ms.*?all text after " + NUMBER + " ms.*?all searchable after " + NUMBER + " ms",
            Pattern.MULTILINE);
    private static final Pattern SERVER_USAGE = Pattern.compile("^server: head version \\d+, " + NUMBER + " objects, " + NUMBER + " bytes",
            Pattern.MULTILINE);

    private CliOutput() {}

    /** The summary of one {@code chatvault backup --text-only}; {@code seconds} is the backup itself, as the command measured it. */
    record Backup(long messagesEncoded, long bytesUploaded, double seconds) {}

    /** The summary of one {@code chatvault restore --text-only}, in milliseconds from its start. */
    record Restore(long messages, long firstScreenMs, long allTextMs, long searchableMs) {}

    static String recoveryKey(String initOutput) {
        return find(RECOVERY_KEY, initOutput, "chatvault init", "RECOVERY KEY").group(1);
    }

    static Backup backup(String output) {
        Matcher m = find(BACKUP, output, "chatvault backup", "backup: version …");
        return new Backup(number(m.group(1)), number(m.group(3)), seconds(m.group(4)));
    }

    static Restore restore(String output) {
        Matcher m = find(RESTORE, output, "chatvault restore", "restore: version …");
        return new Restore(number(m.group(2)), number(m.group(3)), number(m.group(4)), number(m.group(5)));
    }

    /** The bytes the server counts for the account ({@code usage().bytes()}, as the e2e benchmark reports). */
    static long serverBytes(String statusOutput) {
        return number(find(SERVER_USAGE, statusOutput, "chatvault status", "server: head version …").group(2));
    }

    private static Matcher find(Pattern p, String output, String command, String expected) {
        Matcher m = p.matcher(output);
        if (!m.find())
            throw new IllegalStateException("no '" + expected + "' line in the output of " + command + " (has its wording changed?):\n" + output.strip());
        return m;
    }

    /** A whole number as printed with any locale's grouping. */
    static long number(String printed) {
        return Long.parseLong(printed.replaceAll("[^0-9]", ""));
    }

    /** Seconds as printed with "%.2f", with a decimal point or comma. */
    static double seconds(String printed) {
        return Double.parseDouble(printed.replace(',', '.'));
    }
}
