package org.chatvault.client.backup;

/** Progress of a running backup, for progress bars. */
public interface BackupListener {
    BackupListener NONE = new BackupListener() {};

    default void started(int conversations) {}

    default void conversationDone(long messages) {}
}
