package org.chatvault.client.exporter.txt;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportMedia;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.exporter.Exporter;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;

/**
 * Writes one UTF-8 text file per conversation ({@code <title>_<8 hex of its id>.txt}) and an
 * {@code index.txt} listing them, with attachments copied into {@code media/}. For reading, not
 * for re-importing (that is the JSON export). Streamed: messages are written as they are read.
 */
public final class TxtExporter implements Exporter {
    public static final String INDEX = "index.txt";

    private final Clock clock;

    public TxtExporter() { this(Clock.systemUTC()); }

    public TxtExporter(Clock clock) { this.clock = clock; }

    @Override public ExportFormat format() { return ExportFormat.TXT; }

    @Override public ExportReport export(LocalStore store, Path directory, ExportOptions options) throws IOException {
        ExportMedia media = new ExportMedia(store.media(), directory);
        String exportedAt = TxtMessageLines.timeFormat(options.zone()).format(clock.instant()) + " (" + options.zone().getId() + ")";
        long total = 0;
        List<Conversation> chosen = new ArrayList<>(chosen(store, options));
        // the index lists conversations by title, as a reader looks them up
        chosen.sort(Comparator.comparing((Conversation c) -> c.title().toLowerCase(Locale.ROOT)).thenComparing(Conversation::id));
        List<String> index = new ArrayList<>(chosen.size());
        for (Conversation c : chosen) {
            String name = fileName(c);
            long count = conversation(store, c, directory.resolve(name), options, exportedAt, media);
            index.add(name + "  " + TxtMessageLines.oneLine(c.title()) + " (" + kind(c.kind()) + ", " + count + (count == 1 ? " message)" : " messages)"));
            total += count;
        }
        try (Writer out = Files.newBufferedWriter(directory.resolve(INDEX), StandardCharsets.UTF_8)) {
            out.write("Chatvault export, " + exportedAt + "\n");
            out.write(chosen.size() + " conversation(s), " + total + " message(s); times in " + options.zone().getId() + "\n");
            if (options.since() != Long.MIN_VALUE) out.write("Messages since " + since(options) + "\n");
            out.write("\n");
            for (String line : index) out.write(line + "\n");
        }
        return new ExportReport(directory, ExportFormat.TXT, chosen.size(), total, media.copied(), media.missing());
    }

    private long conversation(LocalStore store, Conversation c, Path file, ExportOptions options, String exportedAt, ExportMedia media)
            throws IOException {
        TxtMessageLines lines = new TxtMessageLines(options.zone(), media);
        long[] count = {0};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(c.title().isEmpty() ? "(untitled conversation)\n" : TxtMessageLines.oneLine(c.title()) + "\n");
            out.write("Kind: " + kind(c.kind()) + "\n");
            out.write("Participants: " + TxtMessageLines.oneLine(String.join(", ", c.participants())) + "\n");
            out.write("Conversation id: " + c.id() + "\n");
            out.write("Times: " + options.zone().getId() + "\n");
            out.write("Exported: " + exportedAt + "\n");
            if (options.since() != Long.MIN_VALUE) out.write("Messages since: " + since(options) + "\n");
            out.write("\n");
            try {
                store.forEachMessage(c.id(), options.since(), m -> {
                    try {
                        for (String line : lines.lines(m)) {
                            out.write(line);
                            out.write('\n');
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return count[0];
    }

    private static String since(ExportOptions options) {
        ZoneId zone = options.zone();
        return TxtMessageLines.timeFormat(zone).format(java.time.Instant.ofEpochMilli(options.since()));
    }

    /** {@code <title as letters, digits, '-' and '_'>_<8 hex of the id's hash>.txt}: safe on every file system, unique per conversation. */
    static String fileName(Conversation c) {
        String safe = c.title().replaceAll("[^\\p{L}\\p{N}_-]+", "_").replaceAll("^_+|_+$", "");
        if (safe.isEmpty()) safe = "conversation";
        if (safe.codePointCount(0, safe.length()) > 60) safe = safe.substring(0, safe.offsetByCodePoints(0, 60));
        return safe + "_" + shortHash(c.id()) + ".txt";
    }

    /** 8 hex digits of the SHA-256 of the id: the same file name for a conversation in every export. */
    private static String shortHash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String kind(ConversationKind kind) {
        return switch (kind) {
            case DIRECT -> "direct chat";
            case GROUP -> "group";
            case CHANNEL -> "channel";
        };
    }

    private static List<Conversation> chosen(LocalStore store, ExportOptions options) {
        if (options.conversationIds().isEmpty()) return store.conversations();
        Set<String> asked = new HashSet<>(options.conversationIds());
        return store.conversations().stream().filter(c -> asked.contains(c.id())).toList();
    }
}
