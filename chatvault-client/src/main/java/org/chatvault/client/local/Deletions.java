package org.chatvault.client.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.Tombstones;
import org.chatvault.core.model.Message;

/**
 * Deliberate deletions in the LocalStore (docs/SYNC.md §4): deleted messages and each
 * conversation's history horizon, kept so that neither the vault nor the app brings a deleted
 * message back. Called by {@link LocalStore}, which holds its lock around every call.
 */
record Deletions(LocalDatabase db, Conversations conversations, SearchIndex index) {
    private Connection c() { return db.connection(); }

    /** @see LocalStore#deleteMessage */
    boolean deleteMessage(String conversationId, long sentAt, String id) {
        boolean[] found = {false};
        db.inTransaction(() -> {
            found[0] = removeMessage(conversationId, sentAt, id);
            try (PreparedStatement ps = c().prepareStatement("INSERT OR IGNORE INTO tombstones VALUES(?,?,?)")) {
                ps.setString(1, conversationId);
                ps.setLong(2, sentAt);
                ps.setString(3, id);
                ps.executeUpdate();
            }
            conversations.markDirty(Map.of(conversationId, sentAt));
        });
        return found[0];
    }

    /** @see LocalStore#clearHistory */
    int clearHistory(String conversationId, long before) {
        int[] removed = {0};
        db.inTransaction(() -> {
            try (PreparedStatement ps = c().prepareStatement(
                    "UPDATE conversations SET cleared_before=max(coalesce(cleared_before, ?), ?) WHERE id=?")) {
                ps.setLong(1, before);
                ps.setLong(2, before);
                ps.setString(3, conversationId);
                if (ps.executeUpdate() == 0) throw new SQLException("no conversation " + conversationId + " in this store");
            }
            removed[0] = removeBefore(conversationId, before);
            conversations.markDirty(Map.of(conversationId, Long.MIN_VALUE));
        });
        return removed[0];
    }

    /** @see LocalStore#tombstones */
    Tombstones tombstones(String conversationId) {
        Long horizon = db.query("SELECT cleared_before FROM conversations WHERE id=?", ps -> ps.setString(1, conversationId),
                rs -> rs.next() && rs.getObject(1) != null ? rs.getLong(1) : null);
        List<Tombstones.Deleted> deleted = db.query("SELECT sent_at, id FROM tombstones WHERE conversation_id=?", ps -> ps.setString(1, conversationId), rs -> {
            List<Tombstones.Deleted> out = new ArrayList<>();
            while (rs.next()) out.add(new Tombstones.Deleted(rs.getLong(1), rs.getString(2)));
            return out;
        });
        return new Tombstones(horizon == null ? Long.MIN_VALUE : horizon, deleted);
    }

    /** @see LocalStore#applyTombstones */
    void applyTombstones(String conversationId, Tombstones vault) {
        if (vault.isEmpty()) return;
        db.inTransaction(() -> {
            if (vault.clearedBefore() != Long.MIN_VALUE) {
                try (PreparedStatement ps = c().prepareStatement(
                        "UPDATE conversations SET cleared_before=max(coalesce(cleared_before, ?), ?) WHERE id=?")) {
                    ps.setLong(1, vault.clearedBefore());
                    ps.setLong(2, vault.clearedBefore());
                    ps.setString(3, conversationId);
                    ps.executeUpdate();
                }
                removeBefore(conversationId, vault.clearedBefore());
            }
            try (PreparedStatement ps = c().prepareStatement("INSERT OR IGNORE INTO tombstones VALUES(?,?,?)")) {
                for (Tombstones.Deleted d : vault.messages()) {
                    removeMessage(conversationId, d.sentAt(), d.id());
                    ps.setString(1, conversationId);
                    ps.setLong(2, d.sentAt());
                    ps.setString(3, d.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private boolean removeMessage(String conversationId, long sentAt, String id) throws SQLException {
        long rowid = -1;
        try (PreparedStatement sel = c().prepareStatement("DELETE FROM messages WHERE conversation_id=? AND sent_at=? AND id=? RETURNING fts_rowid");
             PreparedStatement att = c().prepareStatement("DELETE FROM attachments WHERE conversation_id=? AND sent_at=? AND message_id=?")) {
            for (PreparedStatement ps : List.of(sel, att)) {
                ps.setString(1, conversationId);
                ps.setLong(2, sentAt);
                ps.setString(3, id);
            }
            try (ResultSet rs = sel.executeQuery()) {
                if (rs.next()) rowid = rs.getLong(1);
            }
            att.executeUpdate();
        }
        if (rowid >= 0) index.unindex(rowid);
        return rowid >= 0;
    }

    private int removeBefore(String conversationId, long before) throws SQLException {
        List<Long> rowids = new ArrayList<>();
        try (PreparedStatement del = c().prepareStatement("DELETE FROM messages WHERE conversation_id=? AND sent_at<? RETURNING fts_rowid");
             PreparedStatement att = c().prepareStatement("DELETE FROM attachments WHERE conversation_id=? AND sent_at<?");
             PreparedStatement tomb = c().prepareStatement("DELETE FROM tombstones WHERE conversation_id=? AND sent_at<?")) {
            for (PreparedStatement ps : List.of(del, att, tomb)) {
                ps.setString(1, conversationId);
                ps.setLong(2, before);
            }
            try (ResultSet rs = del.executeQuery()) {
                while (rs.next()) rowids.add(rs.getLong(1));
            }
            att.executeUpdate();
            tomb.executeUpdate();
        }
        for (long r : rowids) index.unindex(r);
        return rowids.size();
    }

    /** Drops the messages of {@code batch} that a deletion in this store covers. */
    List<Message> withoutDeleted(List<Message> batch) {
        // Most stores never delete anything: one cheap look saves a query per conversation.
        boolean any = db.query("SELECT EXISTS(SELECT 1 FROM tombstones) OR EXISTS(SELECT 1 FROM conversations WHERE cleared_before IS NOT NULL)",
                ps -> {}, rs -> rs.next() && rs.getInt(1) == 1);
        if (!any) return batch;
        Map<String, Tombstones> byConversation = new HashMap<>();
        List<Message> out = null;
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            Tombstones t = byConversation.computeIfAbsent(m.conversationId(), this::tombstones);
            if (t.covers(m.sentAt(), m.id())) {
                if (out == null) out = new ArrayList<>(batch.subList(0, i));
            } else if (out != null) {
                out.add(m);
            }
        }
        return out == null ? batch : out;
    }

}
