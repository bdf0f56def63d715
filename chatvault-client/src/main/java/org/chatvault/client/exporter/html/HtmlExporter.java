package org.chatvault.client.exporter.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportMedia;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.exporter.Exporter;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;

/**
 * The HTML archive (docs/EXPORT.md, "HTML export"): {@code index.html} lists the conversations,
 * newest activity first, each linking to the newest of its pages ({@code conv-<id8>-<n>.html}, at
 * most {@value #PAGE_SIZE} messages each); media are copied into {@code media/}, one stylesheet
 * sits beside the pages. Plain HTML and CSS: no script, nothing fetched from the network, so it
 * reads offline in any browser, on a phone too, for as long as the files are kept.
 */
public final class HtmlExporter implements Exporter {
    static final int PAGE_SIZE = 1_000;
    static final String INDEX = "index.html";
    private static final int NAMES_SHOWN = 8;

    private final int pageSize;
    private final Clock clock;

    public HtmlExporter() { this(PAGE_SIZE, Clock.systemUTC()); }

    HtmlExporter(int pageSize, Clock clock) {
        if (pageSize < 1) throw new IllegalArgumentException("page size must be at least 1");
        this.pageSize = pageSize;
        this.clock = clock;
    }

    @Override public ExportFormat format() { return ExportFormat.HTML; }

    @Override
    public ExportReport export(LocalStore store, Path directory, ExportOptions options) throws IOException {
        ExportMedia media = new ExportMedia(store.media(), directory);
        HtmlTemplates templates = new HtmlTemplates();
        PageFiles files = new PageFiles();
        List<Exported> exported = new ArrayList<>();
        for (Conversation c : chosen(store, options)) {
            String title = title(c);
            ConversationPages pages = new ConversationPages(templates, directory, files.stemFor(c.id()), title, subtitle(c),
                    pageSize, new MessageViews(media, options.zone()), options.zone());
            try {
                store.forEachMessage(c.id(), options.since(), m -> {
                    try {
                        pages.add(m);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            exported.add(new Exported(c, title, pages.finish()));
        }
        exported.sort(Comparator.comparingLong((Exported e) -> e.written().lastSentAt()).reversed()
                .thenComparing(Exported::title).thenComparing(e -> e.conversation().id()));
        templates.index(directory.resolve(INDEX), index(exported, options));
        templates.stylesheet(directory);
        long messages = exported.stream().mapToLong(e -> e.written().messages()).sum();
        return new ExportReport(directory, ExportFormat.HTML, exported.size(), messages, media.copied(), media.missing());
    }

    private record Exported(Conversation conversation, String title, ConversationPages.Written written) {}

    /** The asked conversations in the order asked (the service checked they exist), else all. */
    private static List<Conversation> chosen(LocalStore store, ExportOptions options) {
        if (options.conversationIds().isEmpty()) return store.conversations();
        List<Conversation> out = new ArrayList<>();
        for (String id : options.conversationIds()) store.conversation(id).ifPresent(out::add);
        return out;
    }

    private IndexView index(List<Exported> exported, ExportOptions options) {
        List<IndexView.Entry> entries = new ArrayList<>(exported.size());
        long messages = 0;
        for (Exported e : exported) {
            ConversationPages.Written w = e.written();
            String last = w.messages() == 0 ? null : MessageViews.FULL.format(Instant.ofEpochMilli(w.lastSentAt()).atZone(options.zone()));
            entries.add(new IndexView.Entry(e.title(), kind(e.conversation()), w.newestLink(), w.messages(), w.pages(), last));
            messages += w.messages();
        }
        String since = options.since() == Long.MIN_VALUE ? null
                : MessageViews.DAY.format(Instant.ofEpochMilli(options.since()).atZone(options.zone()));
        return new IndexView(MessageViews.FULL.format(clock.instant().atZone(options.zone())), options.zone().getId(), since,
                messages, entries);
    }

    /** The title the chat app showed; a chat without one is named by its people, then by its id. */
    static String title(Conversation c) {
        if (!c.title().isBlank()) return c.title();
        if (!c.participants().isEmpty()) return String.join(", ", c.participants());
        return c.id();
    }

    private static String kind(Conversation c) {
        return switch (c.kind()) {
            case DIRECT -> "Direct chat";
            case GROUP -> "Group";
            case CHANNEL -> "Channel";
        };
    }

    private static String subtitle(Conversation c) {
        List<String> people = c.participants();
        if (people.isEmpty()) return kind(c);
        String names = String.join(", ", people.subList(0, Math.min(NAMES_SHOWN, people.size())));
        if (people.size() > NAMES_SHOWN) names += " and " + (people.size() - NAMES_SHOWN) + " more";
        return kind(c) + " · " + names;
    }
}
