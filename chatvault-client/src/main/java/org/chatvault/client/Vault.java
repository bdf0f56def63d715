package org.chatvault.client;

import java.time.Clock;
import java.util.List;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.sync.AutoSync;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * What an embedding chat app talks to: it appends and deletes messages in its LocalStore, and the
 * vault keeps itself in sync in the background ({@link AutoSync}), asking the app's
 * {@link AutoSync.Conditions} before each run. Closing it stops the background sync; it does not
 * close the session or the store, which the app owns.
 */
public final class Vault implements AutoCloseable {
    private final LocalStore store;
    private final Session session;
    private final Clock clock;
    private final AutoSync autoSync;

    public Vault(Session session, LocalStore store, Clock clock, AutoSync.Settings settings, AutoSync.Conditions conditions,
                 AutoSync.Listener listener) {
        this.session = session;
        this.store = store;
        this.clock = clock;
        this.autoSync = new AutoSync(this::syncNow, clock, settings, conditions, listener);
    }

    /** Adds (or updates) a conversation and messages; they reach the vault once changes settle. */
    public void append(Conversation conversation, List<Message> messages) {
        store.putConversation(conversation);
        store.addMessages(messages);
        autoSync.changed();
    }

    /** Deletes one message everywhere (docs/SYNC.md §4). */
    public void deleteMessage(String conversationId, long sentAt, String messageId) {
        store.deleteMessage(conversationId, sentAt, messageId);
        autoSync.changed();
    }

    /** Pulls what other devices wrote and pushes this device's changes now (text; media with the media backup). */
    public synchronized BackupReport syncNow() {
        return new BackupService(session, store, clock).run(BackupListener.NONE);
    }

    @Override public void close() { autoSync.close(); }
}
