package org.chatvault.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One message. {@code sentAt} and {@code editedAt} are UTC epoch milliseconds; {@code text},
 * {@code replyTo}, {@code forwardedFrom} and {@code editedAt} may be null. Ephemeral messages
 * (burn after reading, view-once media) are kept locally but never backed up.
 */
public record Message(String conversationId, String id, long sentAt, String sender, MessageType type,
                      String text, List<Attachment> attachments, String replyTo, String forwardedFrom,
                      Long editedAt, boolean ephemeral) {
    public Message {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(type, "type");
        attachments = List.copyOf(attachments == null ? List.of() : attachments);
    }

    public static Message text(String conversationId, String id, long sentAt, String sender, String text) {
        return new Message(conversationId, id, sentAt, sender, MessageType.TEXT, text, List.of(), null, null, null, false);
    }
}
