package org.chatvault.client.exporter.json;

import static org.chatvault.client.exporter.json.JsonExportSchema.*;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportMedia;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.exporter.Exporter;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * Writes Chatvault's open JSON export (docs/EXPORT.md): {@value JsonExportSchema#FILE_NAME} with
 * every field the model holds, and the media files this device holds in {@code media/}. Streamed
 * message by message through a {@link JsonGenerator}, so a conversation of any size costs the
 * same memory. {@code import --format chatvault-json} reads it back losslessly.
 */
public final class JsonExporter implements Exporter {
    private static final JsonFactory JSON = new JsonFactory();

    private final Clock clock;

    public JsonExporter() { this(Clock.systemUTC()); }

    public JsonExporter(Clock clock) { this.clock = clock; }

    @Override public ExportFormat format() { return ExportFormat.JSON; }

    @Override public ExportReport export(LocalStore store, Path directory, ExportOptions options) throws IOException {
        List<Conversation> chosen = chosen(store, options);
        ExportMedia media = new ExportMedia(store.media(), directory);
        long messages = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(directory.resolve(FILE_NAME)), 1 << 16);
             JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(new OneRecordPerLine());
            g.writeStartObject();
            g.writeStringField(F_FORMAT, FORMAT);
            g.writeNumberField(F_VERSION, VERSION);
            long now = clock.millis();
            g.writeNumberField(F_EXPORTED_AT, now);
            g.writeStringField(F_EXPORTED_AT_TEXT, Instant.ofEpochMilli(now).toString());
            if (options.since() == Long.MIN_VALUE) g.writeNullField(F_SINCE);
            else g.writeNumberField(F_SINCE, options.since());
            g.writeArrayFieldStart(F_CONVERSATIONS);
            for (Conversation c : chosen) messages += conversation(store, c, options.since(), g, media);
            g.writeEndArray();
            g.writeEndObject();
        }
        return new ExportReport(directory, ExportFormat.JSON, chosen.size(), messages, media.copied(), media.missing());
    }

    /** The conversations asked for, in the store's order (all when none was named). */
    static List<Conversation> chosen(LocalStore store, ExportOptions options) {
        if (options.conversationIds().isEmpty()) return store.conversations();
        Set<String> asked = new HashSet<>(options.conversationIds());
        return store.conversations().stream().filter(c -> asked.contains(c.id())).toList();
    }

    private static long conversation(LocalStore store, Conversation c, long since, JsonGenerator g, ExportMedia media) throws IOException {
        g.writeStartObject();
        g.writeStringField(F_ID, c.id());
        g.writeStringField(F_KIND, c.kind().name());
        g.writeStringField(F_TITLE, c.title());
        g.writeArrayFieldStart(F_PARTICIPANTS);
        for (String p : c.participants()) g.writeString(p);
        g.writeEndArray();
        g.writeArrayFieldStart(F_MESSAGES);
        long[] count = {0};
        try {
            store.forEachMessage(c.id(), since, m -> {
                try {
                    message(m, g, media);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                count[0]++;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        g.writeEndArray();
        g.writeEndObject();
        return count[0];
    }

    private static void message(Message m, JsonGenerator g, ExportMedia media) throws IOException {
        g.writeStartObject();
        g.writeStringField(F_ID, m.id());
        g.writeNumberField(F_SENT_AT, m.sentAt());
        g.writeStringField(F_SENT_AT_TEXT, Instant.ofEpochMilli(m.sentAt()).toString());
        g.writeStringField(F_SENDER, m.sender());
        g.writeStringField(F_TYPE, m.type().name());
        g.writeStringField(F_TEXT, m.text());
        g.writeStringField(F_REPLY_TO, m.replyTo());
        g.writeStringField(F_FORWARDED_FROM, m.forwardedFrom());
        if (m.editedAt() == null) g.writeNullField(F_EDITED_AT);
        else g.writeNumberField(F_EDITED_AT, m.editedAt());
        g.writeBooleanField(F_EPHEMERAL, m.ephemeral());
        g.writeArrayFieldStart(F_ATTACHMENTS);
        for (Attachment a : m.attachments()) attachment(a, g, media);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void attachment(Attachment a, JsonGenerator g, ExportMedia media) throws IOException {
        g.writeStartObject();
        g.writeStringField(F_CONTENT_ID, a.contentId());
        g.writeStringField(F_NAME, a.name());
        g.writeStringField(F_MIME, a.mime());
        g.writeNumberField(F_SIZE, a.size());
        g.writeStringField(F_THUMBNAIL_ID, a.thumbnailId());
        g.writeStringField(F_FILE, orNull(media.file(a)));
        g.writeStringField(F_THUMBNAIL_FILE, orNull(media.thumbnail(a)));
        g.writeEndObject();
    }

    private static String orNull(Optional<String> path) { return path.orElse(null); }
}
