package org.chatvault.core.format;

import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * The plaintext encoding of a message segment, schema 1 (docs/FORMAT.md §6):
 * {@code u8 schema ‖ string conversationId ‖ varint count ‖ message*}.
 */
public final class SegmentCodec {
    public static final int SCHEMA = 1;
    static final int F_TEXT = 1, F_REPLY = 2, F_FORWARD = 4, F_EDITED = 8, F_ATTACHMENTS = 16;

    private SegmentCodec() {}

    /** Encodes the messages in the order given; ephemeral ones are left out (they are never backed up). */
    public static byte[] encode(String conversationId, List<Message> messages) {
        ByteWriter body = new ByteWriter(4096);
        long prev = 0;
        int count = 0;
        for (Message m : messages) {
            if (m.ephemeral()) continue;
            encodeMessage(body, m, prev);
            prev = m.sentAt();
            count++;
        }
        return assemble(conversationId, count, body);
    }

    /**
     * One message's encoding as in a segment, with its time relative to 0: the same message always
     * gives the same bytes, so two differing copies can be ordered without a clock (docs/SYNC.md).
     */
    public static byte[] canonicalBytes(Message m) {
        ByteWriter w = new ByteWriter(64);
        encodeMessage(w, m, 0);
        return w.toByteArray();
    }

    static byte[] assemble(String conversationId, int count, ByteWriter body) {
        ByteWriter header = new ByteWriter(conversationId.length() * 3 + 16);
        header.u8(SCHEMA).string(conversationId).varint(count);
        // One copy of the body into an array of the exact size: segments are up to 256 KiB.
        byte[] plain = new byte[header.size() + body.size()];
        header.copyTo(plain, 0);
        body.copyTo(plain, header.size());
        return plain;
    }

    static void encodeMessage(ByteWriter w, Message m, long previousSentAt) {
        int flags = (m.text() != null ? F_TEXT : 0) | (m.replyTo() != null ? F_REPLY : 0)
                | (m.forwardedFrom() != null ? F_FORWARD : 0) | (m.editedAt() != null ? F_EDITED : 0)
                | (m.attachments().isEmpty() ? 0 : F_ATTACHMENTS);
        w.string(m.id()).svarint(m.sentAt() - previousSentAt).string(m.sender()).u8(m.type().code()).u8(flags);
        if (m.text() != null) w.string(m.text());
        if (m.replyTo() != null) w.string(m.replyTo());
        if (m.forwardedFrom() != null) w.string(m.forwardedFrom());
        if (m.editedAt() != null) w.svarint(m.editedAt() - m.sentAt());
        if (!m.attachments().isEmpty()) {
            w.varint(m.attachments().size());
            for (Attachment a : m.attachments()) {
                w.string(a.contentId()).string(a.name()).string(a.mime()).varint(a.size())
                        .string(a.thumbnailId() == null ? "" : a.thumbnailId());
            }
        }
    }

    public static Segment decode(byte[] plain) {
        ByteReader r = new ByteReader(plain);
        int schema = r.u8();
        if (schema != SCHEMA) throw new CorruptDataException("unsupported segment schema " + schema);
        String conversationId = r.string();
        int count = r.count(5);
        List<Message> messages = new ArrayList<>(count);
        long prev = 0;
        for (int i = 0; i < count; i++) {
            String id = r.string();
            long sentAt = prev + r.svarint();
            String sender = r.string();
            MessageType type;
            try {
                type = MessageType.fromCode(r.u8());
            } catch (IllegalArgumentException e) {
                throw new CorruptDataException(e.getMessage());
            }
            int flags = r.u8();
            if ((flags & ~(F_TEXT | F_REPLY | F_FORWARD | F_EDITED | F_ATTACHMENTS)) != 0)
                throw new CorruptDataException("segment message has reserved flag bits set: " + flags);
            String text = (flags & F_TEXT) != 0 ? r.string() : null;
            String replyTo = (flags & F_REPLY) != 0 ? r.string() : null;
            String forwarded = (flags & F_FORWARD) != 0 ? r.string() : null;
            Long edited = (flags & F_EDITED) != 0 ? sentAt + r.svarint() : null;
            List<Attachment> attachments = List.of();
            if ((flags & F_ATTACHMENTS) != 0) {
                int n = r.count(5);
                attachments = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    String contentId = r.string(), name = r.string(), mime = r.string();
                    long size = r.varint();
                    String thumb = r.string();
                    attachments.add(new Attachment(contentId, name, mime, size, thumb.isEmpty() ? null : thumb));
                }
            }
            messages.add(new Message(conversationId, id, sentAt, sender, type, text, attachments, replyTo, forwarded, edited, false));
            prev = sentAt;
        }
        r.expectEnd();
        return new Segment(conversationId, messages);
    }

    /** A decoded segment. */
    public record Segment(String conversationId, List<Message> messages) {}
}
