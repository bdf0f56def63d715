package org.chatvault.generator;

import java.util.List;
import java.util.function.Consumer;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * Receives a generated history. For each conversation, {@link #conversation} comes first, then its
 * messages in (sentAt, id) order, cut into batches of at most {@link #MAX_BATCH}; one conversation
 * is finished before the next begins. Each batch list is fresh, so a sink may keep it.
 */
public interface HistorySink {
    int MAX_BATCH = 10_000;

    void conversation(Conversation c);

    /** A non-empty batch of messages, all of one conversation, continuing where the last batch ended. */
    void messages(List<Message> batch);

    /** A sink from two callbacks, e.g. a LocalStore's {@code putConversation} and {@code addMessages}. */
    static HistorySink of(Consumer<Conversation> conversations, Consumer<List<Message>> messages) {
        return new HistorySink() {
            @Override public void conversation(Conversation c) { conversations.accept(c); }

            @Override public void messages(List<Message> batch) { messages.accept(batch); }
        };
    }
}
