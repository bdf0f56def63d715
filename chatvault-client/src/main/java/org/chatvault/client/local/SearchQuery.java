package org.chatvault.client.local;

import java.util.List;

/**
 * What to search for: a substring of message text, narrowed by conversations, a sender and a time
 * range, with {@code context} messages shown on each side of a hit.
 *
 * @param text            the substring to find (case does not matter for Latin letters)
 * @param conversationIds only these conversations; empty means all
 * @param sender          only messages from this sender (the whole name, case ignored), or null for anyone
 * @param since           only messages sent at or after this UTC epoch ms ({@link Long#MIN_VALUE}: no bound)
 * @param until           only messages sent before this UTC epoch ms ({@link Long#MAX_VALUE}: no bound)
 * @param context         messages of the same conversation to show before and after each hit (0..{@value #MAX_CONTEXT})
 * @param limit           the most hits, newest first (1..{@value #MAX_LIMIT})
 */
public record SearchQuery(String text, List<String> conversationIds, String sender, long since, long until, int context, int limit) {
    public static final int MAX_CONTEXT = 50;
    public static final int MAX_LIMIT = 10_000;

    public SearchQuery {
        if (text == null) throw new IllegalArgumentException("the text to search for is missing");
        conversationIds = List.copyOf(conversationIds);
        if (sender != null && sender.isBlank()) sender = null;
        if (since >= until) throw new IllegalArgumentException("the time range is empty: its start is not before its end");
        if (context < 0 || context > MAX_CONTEXT) throw new IllegalArgumentException("context must be 0 to " + MAX_CONTEXT + ", not " + context);
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("the limit must be 1 to " + MAX_LIMIT + ", not " + limit);
    }

    /** Any message containing {@code text}, without context. */
    public static SearchQuery of(String text, int limit) {
        return new SearchQuery(text, List.of(), null, Long.MIN_VALUE, Long.MAX_VALUE, 0, limit);
    }

    /**
     * The message text with each occurrence of the searched text put between {@code open} and
     * {@code close}, found the way the search finds it (Latin letters in any case). A match inside
     * a Latin word marks the whole word ("»weekend«" for "week"), so the word stays readable and
     * whole; in Chinese, where words are not spaced, exactly the match is marked.
     */
    public String mark(String messageText, String open, String close) {
        if (messageText == null || text.isEmpty()) return messageText;
        StringBuilder out = new StringBuilder(messageText.length() + 8);
        int copied = 0;
        int i = 0;
        while (i <= messageText.length() - text.length()) {
            if (!messageText.regionMatches(true, i, text, 0, text.length())) {
                i++;
                continue;
            }
            int from = i, to = i + text.length();
            while (from > copied && latinWordChar(messageText.charAt(from - 1)) && latinWordChar(messageText.charAt(from))) from--;
            while (to < messageText.length() && latinWordChar(messageText.charAt(to)) && latinWordChar(messageText.charAt(to - 1))) to++;
            out.append(messageText, copied, from).append(open).append(messageText, from, to).append(close);
            copied = to;
            i = to;
        }
        return out.append(messageText, copied, messageText.length()).toString();
    }

    private static boolean latinWordChar(char c) {
        return c < 0x250 && Character.isLetterOrDigit(c);
    }
}
