package org.chatvault.core.model;

import java.util.List;
import java.util.Objects;

/** A chat: a direct chat with one person, a group, or a channel. */
public record Conversation(String id, ConversationKind kind, String title, List<String> participants) {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        title = title == null ? "" : title;
        participants = List.copyOf(participants == null ? List.of() : participants);
    }
}
