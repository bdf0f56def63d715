package org.chatvault.client.restore;

import java.time.Duration;

/** Progress of a restore, stage by stage. */
public interface RestoreListener {
    RestoreListener NONE = new RestoreListener() {};

    /** The newest conversations with their latest messages are in the LocalStore and searchable. */
    default void firstScreenReady(Duration sinceStart, long bytesFetched, int conversations, long messages) {}

    default void started(long totalMessages) {}

    default void messagesRestored(long messages) {}

    /** Every message is in the LocalStore; older history may not be searchable yet. */
    default void allTextRestored(Duration sinceStart) {}

    /** The search index starts catching up on {@code pending} messages. */
    default void indexing(long pending) {}

    default void indexed(long messages) {}
}
