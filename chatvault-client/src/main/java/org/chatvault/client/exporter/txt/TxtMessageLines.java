package org.chatvault.client.exporter.txt;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.chatvault.client.exporter.ExportMedia;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * One conversation's messages as plain-text lines, in the style people know from WhatsApp's and
 * QQ's exports: {@code 2024-12-31 23:59:01  Alice: text}, further lines of the same message
 * indented by four spaces (so a line that starts with a time always starts a message). Layout in
 * docs/EXPORT.md.
 */
final class TxtMessageLines {
    static final String INDENT = "    ";
    /** Replies point back by id; the recent messages are remembered to name the one replied to, within bounded memory. */
    private static final int REMEMBERED = 4096;
    /** Every line break Unicode knows (\\R: also U+2028, U+2029, U+0085), so no text line escapes the indentation. */
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    private final DateTimeFormatter time;
    private final ExportMedia media;
    private final Map<String, String> recent = new LinkedHashMap<>(256, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, String> eldest) { return size() > REMEMBERED; }
    };

    TxtMessageLines(ZoneId zone, ExportMedia media) {
        this.time = timeFormat(zone);
        this.media = media;
    }

    static DateTimeFormatter timeFormat(ZoneId zone) {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone);
    }

    String time(long epochMillis) { return time.format(Instant.ofEpochMilli(epochMillis)); }

    /** The message as lines (without line ends); the first starts with its time. */
    List<String> lines(Message m) throws IOException {
        String at = time(m.sentAt());
        List<String> body = new ArrayList<>();
        if (m.text() != null && !m.text().isEmpty()) body.addAll(List.of(LINE_BREAK.split(m.text(), -1)));
        for (Attachment a : m.attachments()) body.add(attachment(m.type(), a));
        if (m.editedAt() != null) append(body, "[edited " + time(m.editedAt()) + "]");
        recent.put(m.id(), oneLine(m.sender()) + ", " + at);

        StringBuilder first = new StringBuilder(at).append("  ");
        if (m.type() == MessageType.SYSTEM) first.append("*** ");
        else first.append(oneLine(m.sender())).append(": ");
        first.append(markers(m));
        List<String> out = new ArrayList<>(body.size());
        if (!body.isEmpty()) first.append(body.getFirst());
        out.add(first.toString().stripTrailing());
        for (int i = 1; i < body.size(); i++) out.add(INDENT + body.get(i));
        return out;
    }

    private String markers(Message m) {
        StringBuilder s = new StringBuilder();
        if (m.ephemeral()) s.append("[disappearing] ");
        if (m.forwardedFrom() != null) s.append("[forwarded from ").append(oneLine(m.forwardedFrom())).append("] ");
        if (m.replyTo() != null) {
            String target = recent.get(m.replyTo());
            s.append(target == null ? "[reply to an earlier message] " : "[reply to " + target + "] ");
        }
        switch (m.type()) {
            case LOCATION -> s.append("[location] ");
            case CONTACT -> s.append("[contact] ");
            case POLL -> s.append("[poll] ");
            default -> { }
        }
        return s.toString();
    }

    private String attachment(MessageType type, Attachment a) throws IOException {
        String kind = kind(type, a.mime());
        Optional<String> file = media.file(a);
        return file.map(path -> "[" + kind + ": " + path + "]").orElseGet(() -> "[" + kind + " not on this device: " + oneLine(a.name()) + "]");
    }

    static String kind(MessageType type, String mime) {
        return switch (type) {
            case IMAGE -> "photo";
            case VIDEO -> "video";
            case VOICE -> "voice message";
            case STICKER -> "sticker";
            default -> mime.startsWith("image/") ? "image" : mime.startsWith("video/") ? "video" : mime.startsWith("audio/") ? "audio" : "file";
        };
    }

    /**
     * A name on one line: a line break in a sender's or file's name (any of them, also U+2028)
     * would start what looks like a new message.
     */
    static String oneLine(String s) { return LINE_BREAK.matcher(s).replaceAll(" "); }

    private static void append(List<String> body, String marker) {
        if (body.isEmpty()) body.add(marker);
        else body.set(body.size() - 1, body.getLast() + " " + marker);
    }
}
