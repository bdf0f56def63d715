package org.chatvault.client.exporter.html;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.chatvault.client.exporter.ExportMedia;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * Turns one conversation's messages, in time order, into what its pages show: readable times in
 * the export's zone, day headings, media copied into the export, and replies resolved to the
 * message they answer. One instance per conversation.
 */
final class MessageViews {
    static final String ME = "me";
    /** Replies mostly answer recent messages; remembering this many keeps memory bounded in any chat. */
    private static final int REMEMBERED = 20_000;
    private static final int SNIPPET = 80;
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);
    static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx '('VV')'", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter EDITED = DateTimeFormatter.ofPattern("d MMM uuuu HH:mm", Locale.ENGLISH);

    private final ExportMedia media;
    private final ZoneId zone;
    private final Map<String, MessageView.Reply> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, MessageView.Reply> eldest) { return size() > REMEMBERED; }
    };
    private LocalDate lastDay;
    private long sequence;

    MessageViews(ExportMedia media, ZoneId zone) {
        this.media = media;
        this.zone = zone;
    }

    /** The next page starts: its first message gets a day heading whatever the day. */
    void newPage() { lastDay = null; }

    /** The view of the conversation's next message, which sits on page file {@code pageFile}. */
    MessageView next(Message m, String pageFile) throws IOException {
        ZonedDateTime at = Instant.ofEpochMilli(m.sentAt()).atZone(zone);
        String dayBreak = null;
        if (!at.toLocalDate().equals(lastDay)) {
            lastDay = at.toLocalDate();
            dayBreak = DAY.format(at);
        }
        String anchor = "m" + (++sequence);
        MessageView.Reply reply = m.replyTo() == null ? null
                : recent.getOrDefault(m.replyTo(), new MessageView.Reply(null, null, null));
        List<AttachmentView> files = new ArrayList<>(m.attachments().size());
        for (Attachment a : m.attachments()) files.add(attachment(a));
        String edited = m.editedAt() == null ? null : EDITED.format(Instant.ofEpochMilli(m.editedAt()).atZone(zone));
        MessageView view = new MessageView(anchor, dayBreak, m.sender(), ME.equals(m.sender()), m.type() == MessageType.SYSTEM,
                TIME.format(at), FULL.format(at), m.text(), files.isEmpty() ? typeLabel(m.type()) : null, m.forwardedFrom(),
                edited, reply, files, m.ephemeral());
        recent.put(m.id(), new MessageView.Reply(pageFile + "#" + anchor, m.sender(), snippet(m)));
        return view;
    }

    private AttachmentView attachment(Attachment a) throws IOException {
        AttachmentView.Kind kind = kind(a.mime());
        // The thumbnail first: a page of photos stays light, and the full file is one tap away.
        String thumbnail = kind == AttachmentView.Kind.IMAGE || kind == AttachmentView.Kind.VIDEO
                ? media.thumbnail(a).orElse(null) : null;
        Optional<String> file = media.file(a);
        String name = a.name().isBlank() ? "file" : a.name();
        return new AttachmentView(kind, name, a.mime(), file.orElse(null), thumbnail, size(a.size()));
    }

    private static AttachmentView.Kind kind(String mime) {
        if (mime.startsWith("image/")) return AttachmentView.Kind.IMAGE;
        if (mime.startsWith("video/")) return AttachmentView.Kind.VIDEO;
        if (mime.startsWith("audio/")) return AttachmentView.Kind.AUDIO;
        return AttachmentView.Kind.FILE;
    }

    /** What a message without files is when its type says more than its text (a shared location, a poll). */
    private static String typeLabel(MessageType type) {
        return switch (type) {
            case IMAGE -> "Photo";
            case VOICE -> "Voice message";
            case VIDEO -> "Video";
            case FILE -> "File";
            case STICKER -> "Sticker";
            case LOCATION -> "Location";
            case CONTACT -> "Contact";
            case POLL -> "Poll";
            case TEXT, LINK, SYSTEM -> null;
        };
    }

    private static String snippet(Message m) {
        String text = m.text();
        if (text == null || text.isBlank()) {
            if (!m.attachments().isEmpty()) return m.attachments().get(0).name();
            String label = typeLabel(m.type());
            return label == null ? "" : label;
        }
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.codePointCount(0, oneLine.length()) <= SNIPPET) return oneLine;
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, SNIPPET - 1)) + "…";
    }

    static String size(long bytes) {
        if (bytes <= 0) return null;
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
