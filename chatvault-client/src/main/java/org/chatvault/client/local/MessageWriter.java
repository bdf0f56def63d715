package org.chatvault.client.local;

import static org.chatvault.client.local.LocalDatabase.setNullable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.MergeRules;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;

/**
 * Writes messages into the LocalStore: the app's new and edited messages (marked for backup) and
 * the vault's (merged by {@link MergeRules}), with their attachments and their search-index rows.
 * Every message row gets its own full-text rowid, handed out here in order.
 */
final class MessageWriter {
    private final LocalDatabase db;
    private final Conversations conversations;
    private final MessageReader reader;
    private final SearchIndex index;
    private final Deletions deletions;
    private long nextFtsRowid;

    MessageWriter(LocalDatabase db, Conversations conversations, MessageReader reader, SearchIndex index, Deletions deletions) {
        this.db = db;
        this.conversations = conversations;
        this.reader = reader;
        this.index = index;
        this.deletions = deletions;
        this.nextFtsRowid = db.queryLong("SELECT coalesce(max(fts_rowid), 0) FROM messages", ps -> {}) + 1;
    }

    /** Where a batch of messages comes from, which decides how a copy this store already holds is treated. */
    enum Origin {
        /** The app's new and edited messages: they replace the stored copy and are marked for backup. */
        APP,
        /** The vault's: merged by {@link MergeRules}; not marked, except where this store's copy wins. */
        VAULT,
        /**
         * An importer's: merged by {@link MergeRules} like the vault's (so importing the same export
         * twice changes nothing), and what is new or wins is marked for backup.
         */
        IMPORT
    }

    /**
     * @param origin        the app's, the vault's or an importer's messages
     * @param searchableNow index the new text now, or leave it in the search backlog
     * @return how many messages were new or replaced this store's copy
     */
    int write(List<Message> all, Origin origin, boolean searchableNow) {
        boolean fromApp = origin == Origin.APP;
        List<Message> batch = deletions.withoutDeleted(onePerMessage(all, origin));
        if (batch.isEmpty()) return 0;
        int[] changed = {0};
        db.inTransaction(() -> {
            long firstRowid = nextFtsRowid;
            int[] inserted = insertNew(batch, firstRowid);
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
                    Message mine = reader.findOne(m.conversationId(), m.sentAt(), m.id())
                            .orElseThrow(() -> new SQLException("message " + m.conversationId() + "/" + m.id() + " vanished during a merge"));
                    MergeRules.Winner w = MergeRules.winner(mine, m);
                    if (w == MergeRules.Winner.SAME) continue;
                    if (w == MergeRules.Winner.LOCAL) {
                        if (origin == Origin.VAULT) localWins.merge(m.conversationId(), m.sentAt(), Math::min);
                        continue;
                    }
                }
                replaced.add(m);
            }
            List<Long> replacedRowids = replaced.isEmpty() ? List.of() : replace(replaced);
            written.addAll(replaced);
            insertAttachments(written);
            changed[0] = written.size();
            try (PreparedStatement fts = db.connection().prepareStatement("INSERT INTO message_fts(rowid, text) VALUES(?,?)")) {
                for (int i = 0; i < batch.size(); i++) {
                    if (inserted[i] != 1 || !searchableNow) continue;
                    SearchIndex.addToIndex(fts, firstRowid + i, batch.get(i).text());
                }
                // A replaced row keeps its rowid, which the backlog below does not cover.
                for (int i = 0; i < replaced.size(); i++) {
                    if (replacedRowids.get(i) >= 0) SearchIndex.addToIndex(fts, replacedRowids.get(i), replaced.get(i).text());
                }
                fts.executeBatch();
            }
            if (!searchableNow) index.defer(firstRowid, firstRowid + batch.size() - 1);
            if (origin != Origin.VAULT) {
                Map<String, Long> minSentAt = new HashMap<>();
                for (Message m : fromApp ? batch : written) minSentAt.merge(m.conversationId(), m.sentAt(), Math::min);
                if (!minSentAt.isEmpty()) conversations.markDirty(minSentAt);
            } else if (!localWins.isEmpty()) {
                conversations.markDirty(localWins);
            }
        });
        return changed[0];
    }

    /**
     * Inserts the rows of {@code batch} this store does not hold yet, the i-th with full-text rowid
     * {@code firstRowid + i}; returns, per message, 1 where it was inserted and 0 where a row with its
     * key was already there. Most messages have no reply, forward, edit or burn-after-reading: they go
     * through a statement with those columns left to their defaults, which binds four values fewer
     * per row (each bind is a call into SQLite, and binding is a third of a bulk restore's writing).
     */
    private int[] insertNew(List<Message> batch, long firstRowid) throws SQLException {
        int[] inserted = new int[batch.size()];
        try (PreparedStatement full = db.connection().prepareStatement("""
                INSERT INTO messages(conversation_id, sent_at, id, sender, type, text, reply_to, forwarded_from,
                  edited_at, ephemeral, fts_rowid) VALUES(?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT DO NOTHING""");
             PreparedStatement bare = db.connection().prepareStatement("""
                INSERT INTO messages(conversation_id, sent_at, id, sender, type, text, ephemeral, fts_rowid)
                VALUES(?,?,?,?,?,?,0,?) ON CONFLICT DO NOTHING""")) {
            boolean[] isBare = new boolean[batch.size()];
            int bareRows = 0;
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                isBare[i] = isBare(m);
                PreparedStatement ins = isBare[i] ? bare : full;
                ins.setString(1, m.conversationId());
                ins.setLong(2, m.sentAt());
                ins.setString(3, m.id());
                if (isBare[i]) {
                    ins.setString(4, m.sender());
                    ins.setInt(5, m.type().code());
                    setNullable(ins, 6, m.text());
                    ins.setLong(7, firstRowid + i);
                    bareRows++;
                } else {
                    bindContent(ins, 4, m);
                    ins.setLong(11, firstRowid + i);
                }
                ins.addBatch();
            }
            int[] bareDone = bareRows == 0 ? new int[0] : bare.executeBatch();
            int[] fullDone = bareRows == batch.size() ? new int[0] : full.executeBatch();
            for (int i = 0, b = 0, f = 0; i < batch.size(); i++) inserted[i] = isBare[i] ? bareDone[b++] : fullDone[f++];
        }
        return inserted;
    }

    private static boolean isBare(Message m) {
        return m.replyTo() == null && m.forwardedFrom() == null && m.editedAt() == null && !m.ephemeral();
    }

    /**
     * The batch with each message once: two copies of one message (conversation, time, id) in one
     * batch (an export that repeats a line, an app that sends an edit right behind the original)
     * become the copy that would win had they come one after the other, so the rows written never
     * hold a message twice. Most batches have no repeat and are returned as they are.
     */
    private static List<Message> onePerMessage(List<Message> batch, Origin origin) {
        // A restore hands its batches over in key order (SyncState.KEY_ORDER, sorted on the fetching
        // thread): strictly ascending keys hold no repeat, which one comparison per message shows.
        if (strictlyAscending(batch)) return batch;
        record Key(String conversationId, long sentAt, String id) {}
        Map<Key, Integer> seen = new HashMap<>(batch.size() * 2);
        List<Message> out = null;
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            Integer earlier = seen.putIfAbsent(new Key(m.conversationId(), m.sentAt(), m.id()), out == null ? i : out.size());
            if (earlier == null) {
                if (out != null) out.add(m);
                continue;
            }
            if (out == null) out = new ArrayList<>(batch.subList(0, i));
            Message kept = out.get(earlier);
            out.set(earlier, origin == Origin.APP ? m : MergeRules.merge(kept, m));
        }
        return out == null ? batch : out;
    }

    private static boolean strictlyAscending(List<Message> batch) {
        for (int i = 1; i < batch.size(); i++) if (SyncState.KEY_ORDER.compare(batch.get(i - 1), batch.get(i)) >= 0) return false;
        return true;
    }

    /** @see LocalStore#setAttachmentSize */
    void setAttachmentSize(String contentId, long size) {
        db.inTransaction(() -> {
            try (PreparedStatement ps = db.connection().prepareStatement("UPDATE attachments SET size=? WHERE content_id=?")) {
                ps.setLong(1, size);
                ps.setString(2, contentId);
                ps.executeUpdate();
            }
        });
    }

    /**
     * Overwrites existing rows and takes their old text out of the search index. Returns, per
     * row, the rowid whose new text must be indexed now, or -1 when the row still waits in the
     * search backlog (the backlog indexes whatever text the row holds then).
     */
    private List<Long> replace(List<Message> messages) throws SQLException {
        List<Long> rowids = new ArrayList<>(messages.size());
        try (PreparedStatement upd = db.connection().prepareStatement("""
                UPDATE messages SET sender=?, type=?, text=?, reply_to=?, forwarded_from=?, edited_at=?, ephemeral=?
                WHERE conversation_id=? AND sent_at=? AND id=? RETURNING fts_rowid""");
             PreparedStatement delAtt = db.connection().prepareStatement("DELETE FROM attachments WHERE conversation_id=? AND sent_at=? AND message_id=?")) {
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
                rowids.add(index.unindex(rowid) ? rowid : -1L);
                delAtt.setString(1, m.conversationId());
                delAtt.setLong(2, m.sentAt());
                delAtt.setString(3, m.id());
                delAtt.executeUpdate();
            }
        }
        return rowids;
    }

    private void insertAttachments(List<Message> batch) throws SQLException {
        try (PreparedStatement insAtt = db.connection().prepareStatement("INSERT INTO attachments VALUES(?,?,?,?,?,?,?,?,?)")) {
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
}
