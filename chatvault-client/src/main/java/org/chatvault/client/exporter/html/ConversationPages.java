package org.chatvault.client.exporter.html;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.model.Message;

/**
 * Writes one conversation as pages of at most {@code pageSize} messages, as its messages stream
 * by in time order. Only the page being filled is held; it is written once the next message shows
 * there is a newer page (so it can link to it), or when the conversation ends.
 */
final class ConversationPages {
    /** The element id closing the newest page (conversation.jte). */
    static final String NEWEST = "newest";
    private final HtmlTemplates templates;
    private final Path directory;
    private final String stem;
    private final String title;
    private final String subtitle;
    private final int pageSize;
    private final MessageViews views;
    private final ZoneId zone;
    private final List<MessageView> filling = new ArrayList<>();
    private int written;
    private long messages;
    private long firstOnPage;
    private long lastSentAt = Long.MIN_VALUE;

    /** What was written: pages numbered 1..pages, the newest last. */
    record Written(String stem, int pages, long messages, long lastSentAt) {
        /** The newest page, scrolled to its end: the conversation opens on its newest messages, as in a chat app. */
        String newestLink() { return PageFiles.page(stem, pages) + "#" + NEWEST; }
    }

    ConversationPages(HtmlTemplates templates, Path directory, String stem, String title, String subtitle, int pageSize,
                      MessageViews views, ZoneId zone) {
        this.templates = templates;
        this.directory = directory;
        this.stem = stem;
        this.title = title;
        this.subtitle = subtitle;
        this.pageSize = pageSize;
        this.views = views;
        this.zone = zone;
    }

    void add(Message m) throws IOException {
        if (filling.size() == pageSize) {
            write(true);
            filling.clear();
            views.newPage();
        }
        if (filling.isEmpty()) firstOnPage = m.sentAt();
        filling.add(views.next(m, PageFiles.page(stem, written + 1)));
        messages++;
        lastSentAt = m.sentAt();
    }

    /** Writes the newest page (an empty first page for a conversation with nothing exported). */
    Written finish() throws IOException {
        write(false);
        filling.clear();
        return new Written(stem, written, messages, lastSentAt);
    }

    private void write(boolean hasNewer) throws IOException {
        int n = written + 1;
        PageView page = new PageView(title, subtitle, n, filling.isEmpty() ? null : dateRange(),
                n > 1 ? PageFiles.page(stem, n - 1) : null, hasNewer ? PageFiles.page(stem, n + 1) : null,
                n > 2 ? PageFiles.page(stem, 1) : null, filling);
        templates.page(directory.resolve(PageFiles.page(stem, n)), page);
        written = n;
    }

    private String dateRange() {
        LocalDate first = Instant.ofEpochMilli(firstOnPage).atZone(zone).toLocalDate();
        LocalDate last = Instant.ofEpochMilli(lastSentAt).atZone(zone).toLocalDate();
        String from = MessageViews.SHORT_DAY.format(first);
        return first.equals(last) ? from : from + " – " + MessageViews.SHORT_DAY.format(last);
    }
}
