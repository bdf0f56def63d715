package org.chatvault.client.local;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chatvault.core.format.MergeRules;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;

/**
 * The LocalStore's conversations: their metadata, merged with the vault's by a recorded change
 * time, and their change marks (which conversations the next backup re-encodes, from when).
 */
record Conversations(LocalDatabase db, Clock clock) {
    private static final char SEP = '\u001f';

    /** @see LocalStore#putConversation */
    void put(Conversation conv) {
        db.inTransaction(() -> {
            try (PreparedStatement ps = db.connection().prepareStatement("""
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

    /** @see LocalStore#mergeConversations */
    void merge(List<LocalStore.VaultConversation> fromVault) {
        db.inTransaction(() -> {
            try (PreparedStatement read = db.connection().prepareStatement("SELECT id, kind, title, participants, meta_changed_at FROM conversations WHERE id=?");
                 PreparedStatement put = db.connection().prepareStatement("""
                    INSERT INTO conversations(id, kind, title, participants, meta_changed_at) VALUES(?,?,?,?,?)
                    ON CONFLICT(id) DO UPDATE SET kind=excluded.kind, title=excluded.title, participants=excluded.participants,
                      meta_changed_at=excluded.meta_changed_at""")) {
                Map<String, Long> localWins = new HashMap<>();
                for (LocalStore.VaultConversation v : fromVault) {
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

    long metadataChangedAt(String conversationId) {
        return db.queryLong("SELECT meta_changed_at FROM conversations WHERE id=?", ps -> ps.setString(1, conversationId));
    }

    Optional<Conversation> find(String id) {
        return db.query("SELECT id, kind, title, participants FROM conversations WHERE id=?", ps -> ps.setString(1, id), rs -> {
            List<Conversation> out = new ArrayList<>();
            while (rs.next()) out.add(conversationFrom(rs));
            return out.stream().findFirst();
        });
    }

    List<Conversation> all() {
        return db.query("SELECT id, kind, title, participants FROM conversations ORDER BY id", ps -> {}, rs -> {
            List<Conversation> out = new ArrayList<>();
            while (rs.next()) out.add(conversationFrom(rs));
            return out;
        });
    }

    /** @see LocalStore#recentConversations */
    List<ConversationSummary> recent(int limit) {
        return db.query("""
                SELECT c.id, c.kind, c.title, c.participants,
                  (SELECT count(*) FROM messages m WHERE m.conversation_id=c.id),
                  (SELECT max(sent_at) FROM messages m WHERE m.conversation_id=c.id) AS last
                FROM conversations c ORDER BY last DESC NULLS LAST, c.id LIMIT ?""", ps -> ps.setInt(1, limit), rs -> {
            List<ConversationSummary> out = new ArrayList<>();
            while (rs.next()) out.add(new ConversationSummary(conversationFrom(rs), rs.getLong(5), rs.getLong(6)));
            return out;
        });
    }

    // ---- change marks ----------------------------------------------------------------------

    List<DirtyConversation> dirty() {
        return db.query("SELECT id, dirty_since, change_seq FROM conversations WHERE dirty_since IS NOT NULL ORDER BY id", ps -> {}, rs -> {
            List<DirtyConversation> out = new ArrayList<>();
            while (rs.next()) out.add(new DirtyConversation(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            return out;
        });
    }

    /** @see LocalStore#markDirtyFrom */
    void markDirtyFrom(String conversationId, long sentAt) {
        db.inTransaction(() -> markDirty(Map.of(conversationId, sentAt)));
    }

    /** @see LocalStore#markAllDirty */
    void markAllDirty() {
        db.update("UPDATE conversations SET dirty_since=" + Long.MIN_VALUE + ", change_seq=change_seq+1");
    }

    /** Marks each conversation as changed from the given time on, inside the caller's transaction. */
    void markDirty(Map<String, Long> minSentAt) throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement(
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

    private static Conversation conversationFrom(ResultSet rs) throws SQLException {
        String p = rs.getString(4);
        List<String> participants = p.isEmpty() ? List.of() : Arrays.asList(p.split(String.valueOf(SEP), -1));
        return new Conversation(rs.getString(1), ConversationKind.fromCode(rs.getInt(2)), rs.getString(3), participants);
    }
}
