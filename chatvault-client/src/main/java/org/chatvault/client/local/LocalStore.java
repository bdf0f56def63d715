package org.chatvault.client.local;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.chatvault.core.format.MergeRules;
import org.chatvault.core.format.Tombstones;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * The client's SQLite database of conversations, messages and attachments: what a chat app keeps,
 * plus a trigram full-text index. Every path (importers, generator, backup, restore, export) reads
 * or writes through here. One connection, so calls are serialized; not for concurrent writers.
 *
 * <p>A facade: the work is done by its parts, {@link LocalDatabase} (the connection and its
 * transactions), {@link Conversations}, {@link MessageWriter}, {@link MessageReader},
 * {@link SearchIndex}, {@link MediaUses}, {@link Deletions} and {@link SyncState}. They all lock this
 * object, so a caller holding it sees one consistent store.
 */
public final class LocalStore implements AutoCloseable {
    private final LocalDatabase db;
    private final Conversations conversations;
    private final MessageReader reader;
    private final SearchIndex index;
    private final Deletions deletions;
    private final MessageWriter writer;
    private final MediaUses mediaUses;
    private final SyncState syncState;
    private final MediaFiles media;

    private LocalStore(Path file, Clock clock) {
        this.media = MediaFiles.besideDatabase(file);
        try {
            media.secureExisting(); // before the database opens: nothing to close if it fails
        } catch (java.io.IOException e) {
            throw new LocalStoreException("cannot make " + media.root() + " private to this user: " + e.getMessage(), e);
        }
        this.db = LocalDatabase.open(file, this);
        this.conversations = new Conversations(db, clock);
        this.reader = new MessageReader(db);
        this.index = new SearchIndex(db, reader, conversations);
        this.deletions = new Deletions(db, conversations, index);
        this.writer = new MessageWriter(db, conversations, reader, index, deletions);
        this.mediaUses = new MediaUses(db);
        this.syncState = new SyncState(db, conversations, writer);
    }

    public static LocalStore open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** @param clock when a conversation's metadata changes, as recorded for merging (docs/SYNC.md §2) */
    public static LocalStore open(Path file, Clock clock) {
        return new LocalStore(file, clock);
    }

    public Path file() { return db.file(); }

    /** Where this store's attachment and thumbnail files live. */
    public MediaFiles media() { return media; }

    /** Backup and restore bookkeeping kept in the same database. */
    public SyncState syncState() { return syncState; }

    // ---- conversations ---------------------------------------------------------------------

    /**
     * Adds or updates a conversation; a changed title, kind or member list is recorded with the
     * time of the change (which decides merges with other devices) and marks it for backup.
     */
    public synchronized void putConversation(Conversation conv) { conversations.put(conv); }

    /** A conversation's metadata as the vault holds it, with the time it last changed (0: not recorded). */
    public record VaultConversation(Conversation conversation, long changedAt) {}

    /**
     * Merges conversation metadata that came from the vault by {@link MergeRules}: a conversation
     * this store lacks is added, unmarked; where the vault's copy wins it replaces this store's;
     * where this store's copy wins, the conversation is marked so its index goes up again.
     */
    public synchronized void mergeConversations(List<VaultConversation> fromVault) { conversations.merge(fromVault); }

    /** When this conversation's metadata last changed (0: not recorded). */
    public synchronized long metadataChangedAt(String conversationId) { return conversations.metadataChangedAt(conversationId); }

    public synchronized Optional<Conversation> conversation(String id) { return conversations.find(id); }

    public synchronized List<Conversation> conversations() { return conversations.all(); }

    /** Conversations with their message count and last activity, most recent first. */
    public synchronized List<ConversationSummary> recentConversations(int limit) { return conversations.recent(limit); }

    // ---- message writes --------------------------------------------------------------------

    /** Adds messages (new ones, or replacing ones with the same conversation, time and id) and marks them for backup. */
    public synchronized void addMessages(List<Message> batch) {
        writer.write(batch, MessageWriter.Origin.APP, true);
    }

    /**
     * Merges messages that came from the vault (docs/SYNC.md): a message this store lacks is
     * added unmarked (it is already backed up); a copy it holds too is kept or replaced by
     * {@link MergeRules}. Where this store's copy wins, its conversation is marked for backup
     * from that message on, so the vault gets the winning copy. With {@code searchableNow} false
     * the new rows' text joins the search index later, in {@link #buildSearchIndex}: trigram
     * indexing costs five times the insert itself, and a restore shows history long before it
     * must be searchable.
     *
     * @return how many messages were new or replaced this store's copy
     */
    public synchronized int addRestoredMessages(List<Message> batch, boolean searchableNow) {
        return writer.write(batch, MessageWriter.Origin.VAULT, searchableNow);
    }

    /**
     * Merges an importer's messages: a message this store lacks is added and marked for backup; a
     * copy it holds too is kept or replaced by {@link MergeRules}, so importing the same export
     * twice, or an export of history the vault already holds, adds nothing. The text waits for
     * the search index ({@link #buildSearchIndex}; searches stay complete meanwhile).
     *
     * @return how many messages were new or replaced this store's copy
     */
    public synchronized int importMessages(List<Message> batch) {
        return writer.write(batch, MessageWriter.Origin.IMPORT, false);
    }

    /**
     * Runs {@code work} as one transaction: if it throws, nothing it wrote through this store
     * stays (an import that fails half way leaves no partial history behind). Calls inside it
     * join it; other threads wait.
     */
    public synchronized void inTransaction(Runnable work) {
        db.inTransaction(work::run);
    }

    /** Remembers an import (inside the import's transaction, so a failed import leaves no record either). */
    public synchronized void recordImport(ImportRecord record) {
        db.inTransaction(() -> {
            try (var ps = db.connection().prepareStatement("INSERT INTO imports VALUES(?,?,?,?,?,?)")) {
                ps.setLong(1, record.importedAt());
                ps.setString(2, record.source());
                ps.setString(3, record.format());
                ps.setString(4, record.zone());
                ps.setLong(5, record.messagesRead());
                ps.setLong(6, record.messagesAdded());
                ps.executeUpdate();
            }
        });
    }

    /** Every import recorded here, oldest first. */
    public synchronized List<ImportRecord> imports() {
        return db.query("SELECT * FROM imports ORDER BY imported_at", ps -> {}, rs -> {
            List<ImportRecord> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(new ImportRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6)));
            return out;
        });
    }

    /** Sets the recorded size of every attachment using {@code contentId} (when the file is written at another size). */
    public void setAttachmentSize(String contentId, long size) { writer.setAttachmentSize(contentId, size); }

    /**
     * Deletes one message on purpose: it leaves this store and, with the next backup, the vault and
     * every other device, and no device brings it back (a tombstone, docs/SYNC.md §4).
     *
     * @return false if this store does not hold it (the tombstone is recorded all the same)
     */
    public synchronized boolean deleteMessage(String conversationId, long sentAt, String id) {
        return deletions.deleteMessage(conversationId, sentAt, id);
    }

    /**
     * Deletes a conversation's history before {@code before} (epoch ms) on purpose, here and, with
     * the next backup, everywhere; a message sent before it that arrives later is dropped too.
     *
     * @return how many messages left this store
     */
    public synchronized int clearHistory(String conversationId, long before) {
        return deletions.clearHistory(conversationId, before);
    }

    /** This conversation's deletions: the horizon and the deleted messages. */
    public synchronized Tombstones tombstones(String conversationId) {
        return deletions.tombstones(conversationId);
    }

    /**
     * Takes in deletions that came from the vault: records them and removes what they cover, so a
     * deletion made on another device takes effect here. Nothing is marked for backup.
     */
    public synchronized void applyTombstones(String conversationId, Tombstones vault) {
        deletions.applyTombstones(conversationId, vault);
    }

    // ---- message reads ---------------------------------------------------------------------

    /** Streams a conversation's messages sent at or after {@code fromSentAt}, in (time, id) order. */
    public synchronized void forEachMessage(String conversationId, long fromSentAt, Consumer<Message> sink) {
        reader.forEach(conversationId, fromSentAt, sink);
    }

    /** The newest {@code limit} messages of a conversation, oldest first. */
    public synchronized List<Message> lastMessages(String conversationId, int limit) { return reader.last(conversationId, limit); }

    public synchronized long messageCount() { return reader.count(); }

    public synchronized long messageCount(String conversationId) { return reader.count(conversationId); }

    /**
     * Messages of a conversation that belong in the vault (ephemeral ones never do), sent at or after
     * {@code since} (epoch ms): below a retention horizon, messages no longer belong in the vault.
     */
    public synchronized long vaultMessageCount(String conversationId, long since) { return reader.vaultCount(conversationId, since); }

    /** Messages that belong in the vault, by the UTC month (yyyymm) they were sent in, oldest first. */
    public synchronized java.util.Map<Integer, Long> vaultMessageCountsByMonth() { return reader.vaultCountsByMonth(); }

    // ---- search ----------------------------------------------------------------------------

    /**
     * Substring search over message text, newest first. Three or more characters use the trigram
     * index; shorter queries (a two-character Chinese word, say) scan. Messages whose indexing is
     * still pending (see {@link #buildSearchIndex}) are scanned too, so results are always complete.
     */
    public synchronized List<SearchHit> search(String text, int limit) { return index.search(SearchQuery.of(text, limit)); }

    /**
     * Search with filters (conversations, sender, time range, all applied in SQL) and with the
     * messages around each hit; hits newest first, complete as {@link #search(String, int)}.
     */
    public synchronized List<SearchHit> search(SearchQuery query) { return index.search(query); }

    /** How many messages wait for the search index. */
    public synchronized long pendingSearchIndex() { return index.pending(); }

    /**
     * Indexes pending text in chunks of one transaction each, so it can be stopped and resumed at
     * any point; reports the number of messages handled per chunk. Holds the store only chunk by chunk.
     */
    public void buildSearchIndex(LongConsumer progress) { index.build(progress); }

    // ---- change tracking for backup --------------------------------------------------------

    public synchronized List<DirtyConversation> dirtyConversations() { return conversations.dirty(); }

    /**
     * Marks one conversation as changed from {@code sentAt} on (from its first message with
     * {@link Long#MIN_VALUE}): the next backup re-encodes it from there.
     */
    public synchronized void markDirtyFrom(String conversationId, long sentAt) { conversations.markDirtyFrom(conversationId, sentAt); }

    /** Marks every conversation as changed from its first message: the next backup re-checks all. */
    public synchronized void markAllDirty() { conversations.markAllDirty(); }

    // ---- media uses ------------------------------------------------------------------------

    /**
     * Streams every attachment of every non-ephemeral message, grouped by conversation and in time
     * order within it: what a media backup has to cover.
     */
    public synchronized void forEachMediaUse(Consumer<MediaUse> sink) { mediaUses.forEach(sink); }

    /** Where a content file or thumbnail is used in a conversation, for naming it in reports. */
    public record AttachmentPlace(String messageId, long sentAt, String name) {}

    public synchronized Optional<AttachmentPlace> findAttachment(String conversationId, String contentId) {
        return mediaUses.find(conversationId, contentId);
    }

    /** The attachments (of non-ephemeral messages) that use {@code contentId} as their file or thumbnail. */
    public synchronized List<MediaUse> mediaUsesOf(String contentId) { return mediaUses.of(contentId); }

    @Override public synchronized void close() { db.close(); }
}
