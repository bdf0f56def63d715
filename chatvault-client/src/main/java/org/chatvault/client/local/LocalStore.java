package org.chatvault.client.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.chatvault.core.format.MergeRules;
import org.chatvault.core.format.Tombstones;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * The client's SQLite database of conversations, messages and attachments: what a chat app keeps,
 * plus a trigram full-text index. Every path (importers, generator, backup, restore, export) reads
 * or writes through here. One connection, so calls are serialized; not for concurrent writers.
 */
public final class LocalStore implements AutoCloseable {
    private static final char SEP = '\u001f';
    private final Path file;
    private final Connection c;
    private final SyncState syncState;
    private final MediaFiles media;
    private final Deletions deletions = new Deletions(this);
    private long nextFtsRowid;

    private final Clock clock;

    private LocalStore(Path file, Connection c, Clock clock) throws SQLException {
        this.file = file;
        this.c = c;
        this.clock = clock;
        this.syncState = new SyncState(this);
        this.media = MediaFiles.besideDatabase(file);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(fts_rowid), 0) FROM messages")) {
            nextFtsRowid = rs.getLong(1) + 1;
        }
    }

    public static LocalStore open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /** @param clock when a conversation's metadata changes, as recorded for merging (docs/SYNC.md §2) */
    public static LocalStore open(Path file, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA cache_size=-65536");
                s.execute("PRAGMA temp_store=MEMORY");
            }
            LocalSchema.apply(c);
            return new LocalStore(file, c, clock);
        } catch (SQLException | java.io.IOException e) {
            throw new LocalStoreException("cannot open local store " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() { return file; }

    /** Where this store's attachment and thumbnail files live. */
    public MediaFiles media() { return media; }

    /** Backup and restore bookkeeping kept in the same database. */
    public SyncState syncState() { return syncState; }

    Connection connection() { return c; }

    // ---- writes ----------------------------------------------------------------------------

    /**
     * Adds or updates a conversation; a changed title, kind or member list is recorded with the
     * time of the change (which decides merges with other devices) and marks it for backup.
     */
    public synchronized void putConversation(Conversation conv) {
        inTransaction(() -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO conversations(id, kind, title, participants, dirty_since, change_seq, meta_changed_at) VALUES(?,?,?,?,?,1,?)
                    ON CONFLICT(id) DO UPDATE SET kind=excluded.kind, title=excluded.title, participants=excluded.participants,
                      dirty_since=coalesce(dirty_since, ?), change_seq=change_seq+1, meta_changed_at=excluded.meta_changed_at
                    WHERE kind<>excluded.kind OR title<>excluded.title OR participants<>excluded.participants""")) {
                ps.setString(1, conv.id());
                ps.setInt(2, conv.kind().code());
                ps.setString(3, conv.title());
                ps.setString(4, String.join(String.valueOf(SEP), conv.participants()));
                // A metadata change re-writes the conversation index but no segment.
                ps.setLong(5, Long.MAX_VALUE);
                ps.setLong(6, clock.millis());
                ps.setLong(7, Long.MAX_VALUE);
                ps.executeUpdate();
            }
        });
    }

    /** A conversation's metadata as the vault holds it, with the time it last changed (0: not recorded). */
    public record VaultConversation(Conversation conversation, long changedAt) {}

    /**
     * Merges conversation metadata that came from the vault by {@link MergeRules}: a conversation
     * this store lacks is added, unmarked; where the vault's copy wins it replaces this store's;
     * where this store's copy wins, the conversation is marked so its index goes up again.
     */
    public synchronized void mergeConversations(List<VaultConversation> fromVault) {
        inTransaction(() -> {
            try (PreparedStatement read = c.prepareStatement("SELECT id, kind, title, participants, meta_changed_at FROM conversations WHERE id=?");
                 PreparedStatement put = c.prepareStatement("""
                    INSERT INTO conversations(id, kind, title, participants, meta_changed_at) VALUES(?,?,?,?,?)
                    ON CONFLICT(id) DO UPDATE SET kind=excluded.kind, title=excluded.title, participants=excluded.participants,
                      meta_changed_at=excluded.meta_changed_at""")) {
                Map<String, Long> localWins = new HashMap<>();
                for (VaultConversation v : fromVault) {
                    read.setString(1, v.conversation().id());
                    MergeRules.Winner w = MergeRules.Winner.VAULT;
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next()) w = MergeRules.winner(conversationFrom(rs), rs.getLong(5), v.conversation(), v.changedAt());
                    }
                    if (w == MergeRules.Winner.LOCAL) localWins.put(v.conversation().id(), Long.MAX_VALUE);
                    if (w != MergeRules.Winner.VAULT) continue;
                    put.setString(1, v.conversation().id());
                    put.setInt(2, v.conversation().kind().code());
                    put.setString(3, v.conversation().title());
                    put.setString(4, String.join(String.valueOf(SEP), v.conversation().participants()));
                    put.setLong(5, v.changedAt());
                    put.addBatch();
                }
                put.executeBatch();
                if (!localWins.isEmpty()) markDirty(localWins);
            }
        });
    }

    /** When this conversation's metadata last changed (0: not recorded). */
    public synchronized long metadataChangedAt(String conversationId) {
        return query("SELECT meta_changed_at FROM conversations WHERE id=?", ps -> ps.setString(1, conversationId), rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /** Adds messages (new ones, or replacing ones with the same conversation, time and id) and marks them for backup. */
    public synchronized void addMessages(List<Message> batch) {
        writeMessages(batch, true, true);
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
        return writeMessages(batch, false, searchableNow);
    }

    private int writeMessages(List<Message> all, boolean fromApp, boolean searchableNow) {
        List<Message> batch = deletions.withoutDeleted(all);
        if (batch.isEmpty()) return 0;
        int[] changed = {0};
        inTransaction(() -> {
            long firstRowid = nextFtsRowid;
            int[] inserted;
            try (PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO messages(conversation_id, sent_at, id, sender, type, text, reply_to, forwarded_from,
                      edited_at, ephemeral, fts_rowid) VALUES(?,?,?,?,?,?,?,?,?,?,?)
                    ON CONFLICT DO NOTHING""")) {
                long rowid = firstRowid;
                for (Message m : batch) {
                    ins.setString(1, m.conversationId());
                    ins.setLong(2, m.sentAt());
                    ins.setString(3, m.id());
                    bindContent(ins, 4, m);
                    ins.setLong(11, rowid++);
                    ins.addBatch();
                }
                inserted = ins.executeBatch();
            }
            nextFtsRowid = firstRowid + batch.size();
            List<Message> replaced = new ArrayList<>();
            List<Message> written = new ArrayList<>(batch.size());
            Map<String, Long> localWins = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                if (inserted[i] == 1) {
                    written.add(m);
                    continue;
                }
                if (!fromApp) {
                    Message mine = findOne(m.conversationId(), m.sentAt(), m.id())
                            .orElseThrow(() -> new SQLException("message " + m.conversationId() + "/" + m.id() + " vanished during a merge"));
                    MergeRules.Winner w = MergeRules.winner(mine, m);
                    if (w == MergeRules.Winner.SAME) continue;
                    if (w == MergeRules.Winner.LOCAL) {
                        localWins.merge(m.conversationId(), m.sentAt(), Math::min);
                        continue;
                    }
                }
                replaced.add(m);
            }
            List<Long> replacedRowids = replaced.isEmpty() ? List.of() : replace(replaced);
            written.addAll(replaced);
            insertAttachments(written);
            changed[0] = written.size();
            try (PreparedStatement fts = c.prepareStatement("INSERT INTO message_fts(rowid, text) VALUES(?,?)")) {
                for (int i = 0; i < batch.size(); i++) {
                    if (inserted[i] != 1 || !searchableNow) continue;
                    addToIndex(fts, firstRowid + i, batch.get(i).text());
                }
                // A replaced row keeps its rowid, which the backlog below does not cover.
                for (int i = 0; i < replaced.size(); i++) {
                    if (replacedRowids.get(i) >= 0) addToIndex(fts, replacedRowids.get(i), replaced.get(i).text());
                }
                fts.executeBatch();
            }
            if (!searchableNow) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO search_backlog(lo, hi) VALUES(?,?)")) {
                    ps.setLong(1, firstRowid);
                    ps.setLong(2, firstRowid + batch.size() - 1);
                    ps.executeUpdate();
                }
            }
            if (fromApp) {
                Map<String, Long> minSentAt = new HashMap<>();
                for (Message m : batch) minSentAt.merge(m.conversationId(), m.sentAt(), Math::min);
                markDirty(minSentAt);
            } else if (!localWins.isEmpty()) {
                markDirty(localWins);
            }
        });
        return changed[0];
    }

    private static void addToIndex(PreparedStatement fts, long rowid, String text) throws SQLException {
        if (text == null || text.isEmpty()) return;
        fts.setLong(1, rowid);
        fts.setString(2, text);
        fts.addBatch();
    }

    /** One whole message by its key, if this store holds it. */
    private Optional<Message> findOne(String conversationId, long sentAt, String id) throws SQLException {
        List<Message> one = new ArrayList<>(1);
        try (PreparedStatement ps = c.prepareStatement(messageSelect("conversation_id=? AND sent_at=? AND id=?"));
             PreparedStatement pa = c.prepareStatement(attachmentSelect("conversation_id=? AND sent_at=? AND message_id=?") + " ORDER BY ord")) {
            for (PreparedStatement p : List.of(ps, pa)) {
                p.setString(1, conversationId);
                p.setLong(2, sentAt);
                p.setString(3, id);
            }
            streamMessages(ps, pa, one::add);
        }
        return one.stream().findFirst();
    }

    /**
     * Overwrites existing rows and takes their old text out of the search index. Returns, per
     * row, the rowid whose new text must be indexed now, or -1 when the row still waits in the
     * search backlog (the backlog indexes whatever text the row holds then).
     */
    private List<Long> replace(List<Message> messages) throws SQLException {
        List<Long> rowids = new ArrayList<>(messages.size());
        try (PreparedStatement upd = c.prepareStatement("""
                UPDATE messages SET sender=?, type=?, text=?, reply_to=?, forwarded_from=?, edited_at=?, ephemeral=?
                WHERE conversation_id=? AND sent_at=? AND id=? RETURNING fts_rowid""");
             PreparedStatement delAtt = c.prepareStatement("DELETE FROM attachments WHERE conversation_id=? AND sent_at=? AND message_id=?")) {
            for (Message m : messages) {
                bindContent(upd, 1, m);
                upd.setString(8, m.conversationId());
                upd.setLong(9, m.sentAt());
                upd.setString(10, m.id());
                long rowid;
                try (ResultSet rs = upd.executeQuery()) {
                    rs.next();
                    rowid = rs.getLong(1);
                }
                rowids.add(unindex(rowid) ? rowid : -1L);
                delAtt.setString(1, m.conversationId());
                delAtt.setLong(2, m.sentAt());
                delAtt.setString(3, m.id());
                delAtt.executeUpdate();
            }
        }
        return rowids;
    }

    private void insertAttachments(List<Message> batch) throws SQLException {
        try (PreparedStatement insAtt = c.prepareStatement("INSERT INTO attachments VALUES(?,?,?,?,?,?,?,?,?)")) {
            boolean any = false;
            for (Message m : batch) {
                for (int i = 0; i < m.attachments().size(); i++) {
                    Attachment a = m.attachments().get(i);
                    insAtt.setString(1, m.conversationId());
                    insAtt.setLong(2, m.sentAt());
                    insAtt.setString(3, m.id());
                    insAtt.setInt(4, i);
                    insAtt.setString(5, a.contentId());
                    insAtt.setString(6, a.name());
                    insAtt.setString(7, a.mime());
                    insAtt.setLong(8, a.size());
                    setNullable(insAtt, 9, a.thumbnailId());
                    insAtt.addBatch();
                    any = true;
                }
            }
            if (any) insAtt.executeBatch();
        }
    }

    /**
     * Takes a row's text out of the search index, unless it is still waiting in the backlog
     * (never indexed); returns false in that case.
     */
    boolean unindex(long rowid) throws SQLException {
        try (PreparedStatement inBacklog = c.prepareStatement("SELECT 1 FROM search_backlog WHERE lo<=? AND hi>=?");
             PreparedStatement del = c.prepareStatement("DELETE FROM message_fts WHERE rowid=?")) {
            inBacklog.setLong(1, rowid);
            inBacklog.setLong(2, rowid);
            try (ResultSet rs = inBacklog.executeQuery()) {
                if (rs.next()) return false;
            }
            del.setLong(1, rowid);
            del.executeUpdate();
            return true;
        }
    }

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

    void markDirty(Map<String, Long> minSentAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE conversations SET dirty_since=min(coalesce(dirty_since, ?), ?), change_seq=change_seq+1 WHERE id=?")) {
            for (Map.Entry<String, Long> e : minSentAt.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setLong(2, e.getValue());
                ps.setString(3, e.getKey());
                if (ps.executeUpdate() == 0)
                    throw new SQLException("message for unknown conversation " + e.getKey() + ": add the conversation first");
            }
        }
    }

    // ---- reads -----------------------------------------------------------------------------

    public synchronized Optional<Conversation> conversation(String id) {
        return query("SELECT id, kind, title, participants FROM conversations WHERE id=?", ps -> ps.setString(1, id), rs -> {
            List<Conversation> out = new ArrayList<>();
            while (rs.next()) out.add(conversationFrom(rs));
            return out.stream().findFirst();
        });
    }

    public synchronized List<Conversation> conversations() {
        return query("SELECT id, kind, title, participants FROM conversations ORDER BY id", ps -> {}, rs -> {
            List<Conversation> out = new ArrayList<>();
            while (rs.next()) out.add(conversationFrom(rs));
            return out;
        });
    }

    /** Conversations with their message count and last activity, most recent first. */
    public synchronized List<ConversationSummary> recentConversations(int limit) {
        return query("""
                SELECT c.id, c.kind, c.title, c.participants,
                  (SELECT count(*) FROM messages m WHERE m.conversation_id=c.id),
                  (SELECT max(sent_at) FROM messages m WHERE m.conversation_id=c.id) AS last
                FROM conversations c ORDER BY last DESC NULLS LAST, c.id LIMIT ?""", ps -> ps.setInt(1, limit), rs -> {
            List<ConversationSummary> out = new ArrayList<>();
            while (rs.next()) out.add(new ConversationSummary(conversationFrom(rs), rs.getLong(5), rs.getLong(6)));
            return out;
        });
    }

    /** Streams a conversation's messages sent at or after {@code fromSentAt}, in (time, id) order. */
    public synchronized void forEachMessage(String conversationId, long fromSentAt, Consumer<Message> sink) {
        String where = "conversation_id=? AND sent_at>=?";
        try (PreparedStatement ps = c.prepareStatement(messageSelect(where) + " ORDER BY sent_at, id");
             PreparedStatement pa = c.prepareStatement(attachmentSelect(where) + " ORDER BY sent_at, message_id, ord")) {
            for (PreparedStatement p : List.of(ps, pa)) {
                p.setString(1, conversationId);
                p.setLong(2, fromSentAt);
            }
            streamMessages(ps, pa, sink);
        } catch (SQLException e) {
            throw fail("read messages", e);
        }
    }

    /** The newest {@code limit} messages of a conversation, oldest first. */
    public synchronized List<Message> lastMessages(String conversationId, int limit) {
        long from = query("SELECT sent_at FROM messages WHERE conversation_id=? ORDER BY sent_at DESC, id DESC LIMIT 1 OFFSET ?",
                ps -> { ps.setString(1, conversationId); ps.setInt(2, limit - 1); },
                rs -> rs.next() ? rs.getLong(1) : Long.MIN_VALUE);
        List<Message> out = new ArrayList<>();
        forEachMessage(conversationId, from, out::add);
        return out.size() > limit ? new ArrayList<>(out.subList(out.size() - limit, out.size())) : out;
    }

    public synchronized long messageCount() {
        return query("SELECT count(*) FROM messages", ps -> {}, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    public synchronized long messageCount(String conversationId) {
        return query("SELECT count(*) FROM messages WHERE conversation_id=?", ps -> ps.setString(1, conversationId),
                rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /**
     * Substring search over message text, newest first. Three or more characters use the trigram
     * index; shorter queries (a two-character Chinese word, say) scan. Messages whose indexing is
     * still pending (see {@link #buildSearchIndex}) are scanned too, so results are always complete.
     */
    public synchronized List<SearchHit> search(String text, int limit) {
        if (text == null || text.isBlank()) return List.of();
        String select = "SELECT conversation_id, sent_at, id FROM messages m WHERE ";
        List<String[]> keys = new ArrayList<>(text.codePointCount(0, text.length()) >= 3
                ? query(select + "fts_rowid IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?) ORDER BY sent_at DESC LIMIT ?",
                        ps -> { ps.setString(1, "\"" + text.replace("\"", "\"\"") + "\""); ps.setInt(2, limit); }, LocalStore::keys)
                : query(select + "instr(text, ?) > 0 ORDER BY sent_at DESC LIMIT ?",
                        ps -> { ps.setString(1, text); ps.setInt(2, limit); }, LocalStore::keys));
        if (text.codePointCount(0, text.length()) >= 3) {
            keys.addAll(query(select + "EXISTS (SELECT 1 FROM search_backlog b WHERE m.fts_rowid BETWEEN b.lo AND b.hi) "
                    + "AND instr(text, ?) > 0 ORDER BY sent_at DESC LIMIT ?", ps -> { ps.setString(1, text); ps.setInt(2, limit); }, LocalStore::keys));
            keys.sort((x, y) -> Long.compare(Long.parseLong(y[1]), Long.parseLong(x[1])));
            if (keys.size() > limit) keys = keys.subList(0, limit);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (String[] k : keys) {
            Optional<Message> one;
            try {
                one = findOne(k[0], Long.parseLong(k[1]), k[2]);
            } catch (SQLException e) {
                throw fail("search", e);
            }
            one.ifPresent(m -> hits.add(new SearchHit(conversation(k[0]).map(Conversation::title).orElse(k[0]), m)));
        }
        return hits;
    }

    /** How many messages wait for the search index. */
    public synchronized long pendingSearchIndex() {
        return query("SELECT coalesce(sum(hi - lo + 1), 0) FROM search_backlog", ps -> {}, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /**
     * Indexes pending text in chunks of one transaction each, so it can be stopped and resumed at
     * any point; reports the number of messages handled per chunk.
     */
    public void buildSearchIndex(java.util.function.LongConsumer progress) {
        final long chunk = 20_000;
        while (true) {
            long[] range = query("SELECT lo, hi FROM search_backlog ORDER BY lo LIMIT 1", ps -> {},
                    rs -> rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null);
            if (range == null) return;
            long lo = range[0], hi = Math.min(range[1], range[0] + chunk - 1);
            synchronized (this) {
                inTransaction(() -> {
                    try (PreparedStatement ins = c.prepareStatement(
                            "INSERT INTO message_fts(rowid, text) SELECT fts_rowid, text FROM messages WHERE fts_rowid BETWEEN ? AND ? AND text <> ''");
                         PreparedStatement del = c.prepareStatement("DELETE FROM search_backlog WHERE lo=?");
                         PreparedStatement add = c.prepareStatement("INSERT INTO search_backlog(lo, hi) VALUES(?,?)")) {
                        ins.setLong(1, lo);
                        ins.setLong(2, hi);
                        ins.executeUpdate();
                        del.setLong(1, lo);
                        del.executeUpdate();
                        if (hi < range[1]) {
                            add.setLong(1, hi + 1);
                            add.setLong(2, range[1]);
                            add.executeUpdate();
                        }
                    }
                });
            }
            progress.accept(hi - lo + 1);
        }
    }

    // ---- change tracking for backup --------------------------------------------------------

    public synchronized List<DirtyConversation> dirtyConversations() {
        return query("SELECT id, dirty_since, change_seq FROM conversations WHERE dirty_since IS NOT NULL ORDER BY id", ps -> {}, rs -> {
            List<DirtyConversation> out = new ArrayList<>();
            while (rs.next()) out.add(new DirtyConversation(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            return out;
        });
    }

    /**
     * Marks one conversation as changed from {@code sentAt} on (from its first message with
     * {@link Long#MIN_VALUE}): the next backup re-encodes it from there.
     */
    public synchronized void markDirtyFrom(String conversationId, long sentAt) {
        inTransaction(() -> markDirty(Map.of(conversationId, sentAt)));
    }

    /** Messages of a conversation that belong in the vault (ephemeral ones never do). */
    public synchronized long vaultMessageCount(String conversationId) {
        return query("SELECT count(*) FROM messages WHERE conversation_id=? AND ephemeral=0", ps -> ps.setString(1, conversationId),
                rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    /** Marks every conversation as changed from its first message: the next backup re-checks all. */
    public synchronized void markAllDirty() {
        update("UPDATE conversations SET dirty_since=" + Long.MIN_VALUE + ", change_seq=change_seq+1");
    }

    // ---- plumbing --------------------------------------------------------------------------

    // Each column read is a JNI call, the dominant cost of a scan: rarely set columns are read only
    // when the flags column computed by SQLite says they hold something.
    static String messageSelect(String where) {
        return "SELECT conversation_id, sent_at, id, sender, type, text, "
                + "(reply_to IS NOT NULL) | ((forwarded_from IS NOT NULL) << 1) | ((edited_at IS NOT NULL) << 2) | (ephemeral << 3), "
                + "reply_to, forwarded_from, edited_at FROM messages WHERE " + where;
    }

    static String attachmentSelect(String where) {
        return "SELECT sent_at, message_id, content_id, name, mime, size, thumbnail_id FROM attachments WHERE " + where;
    }

    /** Merges the ordered message and attachment cursors into whole messages. */
    private static void streamMessages(PreparedStatement messages, PreparedStatement attachments, Consumer<Message> sink) throws SQLException {
        try (ResultSet rs = messages.executeQuery(); ResultSet ra = attachments.executeQuery()) {
            boolean attRow = ra.next();
            long attSentAt = attRow ? ra.getLong(1) : 0;
            String attMessage = attRow ? ra.getString(2) : null;
            String conv = null;
            while (rs.next()) {
                if (conv == null) conv = rs.getString(1);
                long sentAt = rs.getLong(2);
                String id = rs.getString(3);
                List<Attachment> atts = List.of();
                while (attRow && (attSentAt < sentAt || (attSentAt == sentAt && attMessage.compareTo(id) < 0))) {
                    attRow = ra.next();
                    if (attRow) { attSentAt = ra.getLong(1); attMessage = ra.getString(2); }
                }
                if (attRow && attSentAt == sentAt && attMessage.equals(id)) {
                    atts = new ArrayList<>(2);
                    while (attRow && attSentAt == sentAt && attMessage.equals(id)) {
                        atts.add(new Attachment(ra.getString(3), ra.getString(4), ra.getString(5), ra.getLong(6), ra.getString(7)));
                        attRow = ra.next();
                        if (attRow) { attSentAt = ra.getLong(1); attMessage = ra.getString(2); }
                    }
                }
                int flags = rs.getInt(7);
                String replyTo = (flags & 1) != 0 ? rs.getString(8) : null;
                String forwarded = (flags & 2) != 0 ? rs.getString(9) : null;
                Long editedAt = (flags & 4) != 0 ? rs.getLong(10) : null;
                sink.accept(new Message(conv, id, sentAt, rs.getString(4), MessageType.fromCode(rs.getInt(5)), rs.getString(6),
                        atts, replyTo, forwarded, editedAt, (flags & 8) != 0));
            }
        }
    }

    private static Conversation conversationFrom(ResultSet rs) throws SQLException {
        String p = rs.getString(4);
        List<String> participants = p.isEmpty() ? List.of() : Arrays.asList(p.split(String.valueOf(SEP), -1));
        return new Conversation(rs.getString(1), ConversationKind.fromCode(rs.getInt(2)), rs.getString(3), participants);
    }

    private static List<String[]> keys(ResultSet rs) throws SQLException {
        List<String[]> out = new ArrayList<>();
        while (rs.next()) out.add(new String[] {rs.getString(1), String.valueOf(rs.getLong(2)), rs.getString(3)});
        return out;
    }

    /** Binds sender, type, text, reply_to, forwarded_from, edited_at and ephemeral from parameter {@code at} on. */
    private static void bindContent(PreparedStatement ps, int at, Message m) throws SQLException {
        ps.setString(at, m.sender());
        ps.setInt(at + 1, m.type().code());
        setNullable(ps, at + 2, m.text());
        setNullable(ps, at + 3, m.replyTo());
        setNullable(ps, at + 4, m.forwardedFrom());
        if (m.editedAt() == null) ps.setNull(at + 5, Types.INTEGER); else ps.setLong(at + 5, m.editedAt());
        ps.setInt(at + 6, m.ephemeral() ? 1 : 0);
    }

    private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) ps.setNull(i, Types.VARCHAR); else ps.setString(i, v);
    }

    /**
     * Streams every attachment of every non-ephemeral message, grouped by conversation and in time
     * order within it: what a media backup has to cover.
     */
    public synchronized void forEachMediaUse(Consumer<MediaUse> sink) {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.conversation_id, a.sent_at, a.content_id, a.mime, a.size, a.thumbnail_id
                FROM attachments a JOIN messages m
                  ON m.conversation_id = a.conversation_id AND m.sent_at = a.sent_at AND m.id = a.message_id
                WHERE m.ephemeral = 0
                ORDER BY a.conversation_id, a.sent_at""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) sink.accept(mediaUse(rs));
        } catch (SQLException e) {
            throw fail("read attachments", e);
        }
    }

    /** Where a content file or thumbnail is used in a conversation, for naming it in reports. */
    public record AttachmentPlace(String messageId, long sentAt, String name) {}

    public synchronized Optional<AttachmentPlace> findAttachment(String conversationId, String contentId) {
        return query("""
                SELECT message_id, sent_at, name FROM attachments
                WHERE conversation_id=? AND (content_id=? OR thumbnail_id=?) ORDER BY sent_at DESC LIMIT 1""",
                ps -> {
                    ps.setString(1, conversationId);
                    ps.setString(2, contentId);
                    ps.setString(3, contentId);
                },
                rs -> rs.next() ? Optional.of(new AttachmentPlace(rs.getString(1), rs.getLong(2), rs.getString(3))) : Optional.<AttachmentPlace>empty());
    }

    /** The attachments (of non-ephemeral messages) that use {@code contentId} as their file or thumbnail. */
    public synchronized List<MediaUse> mediaUsesOf(String contentId) {
        return query("""
                SELECT a.conversation_id, a.sent_at, a.content_id, a.mime, a.size, a.thumbnail_id
                FROM attachments a JOIN messages m
                  ON m.conversation_id = a.conversation_id AND m.sent_at = a.sent_at AND m.id = a.message_id
                WHERE m.ephemeral = 0 AND (a.content_id = ? OR a.thumbnail_id = ?)""",
                ps -> {
                    ps.setString(1, contentId);
                    ps.setString(2, contentId);
                },
                rs -> {
                    List<MediaUse> out = new ArrayList<>();
                    while (rs.next()) out.add(mediaUse(rs));
                    return out;
                });
    }

    private static MediaUse mediaUse(ResultSet rs) throws SQLException {
        return new MediaUse(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6));
    }

    /** Sets the recorded size of every attachment using {@code contentId} (when the file is written at another size). */
    public void setAttachmentSize(String contentId, long size) {
        inTransaction(() -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE attachments SET size=? WHERE content_id=?")) {
                ps.setLong(1, size);
                ps.setString(2, contentId);
                ps.executeUpdate();
            }
        });
    }

    interface SqlWork { void run() throws SQLException; }
    interface Binder { void bind(PreparedStatement ps) throws SQLException; }
    interface Reader<T> { T read(ResultSet rs) throws SQLException; }

    /** Runs {@code work} in a transaction, or inside the caller's transaction when one is open. */
    synchronized void inTransaction(SqlWork work) {
        try {
            if (!c.getAutoCommit()) {
                work.run();
                return;
            }
            c.setAutoCommit(false);
            try {
                work.run();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail("write", e);
        }
    }

    synchronized <T> T query(String sql, Binder binder, Reader<T> reader) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return reader.read(rs);
            }
        } catch (SQLException e) {
            throw fail("query", e);
        }
    }

    synchronized void update(String sql) {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw fail("update", e);
        }
    }

    private LocalStoreException fail(String what, SQLException e) {
        return new LocalStoreException("local store " + file + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override public synchronized void close() {
        try {
            c.close();
        } catch (SQLException e) {
            throw fail("close", e);
        }
    }
}
