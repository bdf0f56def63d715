package org.chatvault.client.exporter.html;

import java.util.List;
import java.util.Locale;

/**
 * What {@code index.jte} shows: the exported conversations, newest activity first.
 *
 * @param exportedAt when the export was written, readable, in the export's zone
 * @param zone       the zone every time in the export is written in
 * @param since      the first day exported, readable; null when the whole history was exported
 */
public record IndexView(String exportedAt, String zone, String since, long messages, List<Entry> conversations) {
    public IndexView {
        conversations = List.copyOf(conversations);
    }

    /** A count with thousands separated ("12,345"), the same on every computer. */
    public static String count(long n) { return String.format(Locale.ROOT, "%,d", n); }

    /**
     * One conversation in the index.
     *
     * @param href         its newest page, relative to the index, scrolled to the newest message
     * @param lastActivity the time of its newest exported message, readable; null when none was exported
     */
    public record Entry(String title, String kind, String href, long messages, int pages, String lastActivity) {}
}
