package org.chatvault.client.local;

import java.util.List;
import org.chatvault.core.model.Message;

/**
 * A message found by search, with the title of its conversation and the messages around it in
 * that conversation (oldest first; fewer at the conversation's ends).
 */
public record SearchHit(String conversationTitle, Message message, List<Message> before, List<Message> after) {
    public SearchHit {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    /** A hit shown without context. */
    public SearchHit(String conversationTitle, Message message) { this(conversationTitle, message, List.of(), List.of()); }
}
