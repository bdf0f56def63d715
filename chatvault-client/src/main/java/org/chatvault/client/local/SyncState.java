package org.chatvault.client.local;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SegmentRef;
import org.chatvault.core.model.Message;

/**
 * What this LocalStore knows about the vault: the head it last committed or restored, each
 * conversation's segments and index as of that head, and which segments a restore already applied.
 */
public final class SyncState {
    private final LocalDatabase db;
    private final Conversations conversations;
    private final MessageWriter writer;

    /**
     * Messages in the order of the messages table's key (conversation, time, id). A batch handed to
     * {@link #applyRestoredSegments} in this order is written page after page, and is known to hold
     * no message twice without hashing every key; any order stays correct.
     */
    public static final Comparator<Message> KEY_ORDER =
            Comparator.comparing(Message::conversationId).thenComparingLong(Message::sentAt).thenComparing(Message::id);

    SyncState(LocalDatabase db, Conversations conversations, MessageWriter writer) {
        this.db = db;
        this.conversations = conversations;
        this.writer = writer;
    }

    /** The head this store is in step with. */
    public record Head(long version, ObjectId root) {}

    /** A conversation as recorded in the committed root manifest. */
    public record BackedUpConversation(String conversationId, ObjectId indexId, long lastActivity, long messageCount) {}

    public Optional<Head> head() {
        String v = meta("head.version");
        String r = meta("head.root");
        return v == null || r == null ? Optional.empty() : Optional.of(new Head(Long.parseLong(v), ObjectId.parse(r)));
    }

    public String meta(String key) {
        return db.query("SELECT value FROM meta WHERE key=?", ps -> ps.setString(1, key), rs -> rs.next() ? rs.getString(1) : null);
    }

    public void setMeta(String key, String value) {
        db.inTransaction(() -> putMeta(key, value));
    }

    private void putMeta(String key, String value) throws java.sql.SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement(
                "INSERT INTO meta(key, value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    public List<SegmentRef> segments(String conversationId) {
        return db.query("""
                SELECT object_id, month, first_sent_at, last_sent_at, count, plain_size FROM backup_segments
                WHERE conversation_id=? ORDER BY first_sent_at, object_id""", ps -> ps.setString(1, conversationId), rs -> {
            List<SegmentRef> out = new ArrayList<>();
            while (rs.next())
                out.add(new SegmentRef(ObjectId.of(rs.getBytes(1)), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getInt(5), rs.getInt(6)));
            return out;
        });
    }

    public Map<String, BackedUpConversation> conversations() {
        return db.query("SELECT conversation_id, index_id, last_activity, message_count FROM backup_conversations", ps -> {}, rs -> {
            Map<String, BackedUpConversation> out = new HashMap<>();
            while (rs.next())
                out.put(rs.getString(1), new BackedUpConversation(rs.getString(1), ObjectId.of(rs.getBytes(2)), rs.getLong(3), rs.getLong(4)));
            return out;
        });
    }

    /** One conversation's new state in a snapshot being recorded. */
    public record ConversationState(BackedUpConversation conversation, List<SegmentRef> segments, List<MediaIndexRef> media,
                                    long changeSeq) {}

    /** A file or thumbnail whose objects have all landed on the server, with the month they were labelled with. */
    public record BackedUpMedia(MediaRef ref, int bucket) {}

    public record MediaKey(String contentId, MediaRef.Role role) {}

    /**
     * Records a committed (or fully restored) snapshot in one transaction: the head, the new state of
     * the given conversations, and, for conversations backed up, clears their change mark unless they
     * changed again meanwhile ({@code changeSeq} < 0 leaves the mark alone).
     */
    public void recordSnapshot(Head head, Collection<ConversationState> changed, Collection<String> removed) {
        db.inTransaction(() -> {
            var c = db.connection();
            try (PreparedStatement delSeg = c.prepareStatement("DELETE FROM backup_segments WHERE conversation_id=?");
                 PreparedStatement insSeg = c.prepareStatement("INSERT OR IGNORE INTO backup_segments VALUES(?,?,?,?,?,?,?)");
                 PreparedStatement putConv = c.prepareStatement("INSERT OR REPLACE INTO backup_conversations VALUES(?,?,?,?)");
                 PreparedStatement delConv = c.prepareStatement("DELETE FROM backup_conversations WHERE conversation_id=?");
                 PreparedStatement clean = c.prepareStatement("UPDATE conversations SET dirty_since=NULL WHERE id=? AND change_seq=?");
                 PreparedStatement delMedia = c.prepareStatement("DELETE FROM backup_media_indexes WHERE conversation_id=?");
                 PreparedStatement insMedia = c.prepareStatement("INSERT INTO backup_media_indexes VALUES(?,?,?)")) {
                for (String id : removed) {
                    delSeg.setString(1, id);
                    delSeg.executeUpdate();
                    delConv.setString(1, id);
                    delConv.executeUpdate();
                    delMedia.setString(1, id);
                    delMedia.executeUpdate();
                }
                for (ConversationState s : changed) {
                    String id = s.conversation().conversationId();
                    delSeg.setString(1, id);
                    delSeg.executeUpdate();
                    for (SegmentRef r : s.segments()) {
                        insSeg.setString(1, id);
                        insSeg.setLong(2, r.firstSentAt());
                        insSeg.setBytes(3, r.id().toBytes());
                        insSeg.setInt(4, r.month());
                        insSeg.setLong(5, r.lastSentAt());
                        insSeg.setInt(6, r.count());
                        insSeg.setInt(7, r.plainSize());
                        insSeg.addBatch();
                    }
                    insSeg.executeBatch();
                    delMedia.setString(1, id);
                    delMedia.executeUpdate();
                    for (MediaIndexRef m : s.media()) {
                        insMedia.setString(1, id);
                        insMedia.setInt(2, m.month());
                        insMedia.setBytes(3, m.id().toBytes());
                        insMedia.addBatch();
                    }
                    insMedia.executeBatch();
                    putConv.setString(1, id);
                    putConv.setBytes(2, s.conversation().indexId().toBytes());
                    putConv.setLong(3, s.conversation().lastActivity());
                    putConv.setLong(4, s.conversation().messageCount());
                    putConv.executeUpdate();
                    if (s.changeSeq() >= 0) {
                        clean.setString(1, id);
                        clean.setLong(2, s.changeSeq());
                        clean.executeUpdate();
                    }
                }
            }
            putMeta("head.version", Long.toString(head.version()));
            putMeta("head.root", head.root().hex());
        });
    }

    /**
     * Records a head this store pulled or restored: as {@link #recordSnapshot}, and in the same
     * transaction marks each conversation the head no longer lists (without a deletion) to go up
     * again from its first message, since absence never deletes (docs/SYNC.md §1).
     */
    public void recordHead(Head head, Collection<ConversationState> changed, Collection<String> notInHead) {
        db.inTransaction(() -> {
            recordSnapshot(head, changed, notInHead);
            Map<String, Long> again = new HashMap<>();
            for (String id : notInHead) if (conversations.find(id).isPresent()) again.put(id, Long.MIN_VALUE);
            if (!again.isEmpty()) conversations.markDirty(again);
        });
    }

    /** Forgets everything about the vault (the head moved elsewhere, or a restore starts over). */
    public void forgetVault() {
        db.inTransaction(() -> {
            try (var s = db.connection().createStatement()) {
                s.executeUpdate("DELETE FROM backup_segments");
                s.executeUpdate("DELETE FROM backup_conversations");
                s.executeUpdate("DELETE FROM backup_media_indexes");
                s.executeUpdate("DELETE FROM meta WHERE key LIKE 'head.%'");
            }
        });
    }

    /** Every conversation's media indexes by month, as the committed head lists them. */
    public Map<String, List<MediaIndexRef>> allMediaIndexes() {
        return db.query("SELECT conversation_id, month, object_id FROM backup_media_indexes ORDER BY conversation_id, month",
                ps -> {}, rs -> {
                    Map<String, List<MediaIndexRef>> out = new HashMap<>();
                    while (rs.next()) {
                        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new MediaIndexRef(rs.getInt(2), ObjectId.of(rs.getBytes(3))));
                    }
                    return out;
                });
    }

    /** Every file and thumbnail known to be fully on the server. */
    public Map<MediaKey, BackedUpMedia> backedUpMedia() {
        return db.query("SELECT content_id, role, shape, object_id, size, bucket FROM backup_media", ps -> {}, rs -> {
            Map<MediaKey, BackedUpMedia> out = new HashMap<>();
            while (rs.next()) {
                MediaRef ref = new MediaRef(rs.getString(1), MediaRef.Role.fromCode(rs.getInt(2)), MediaRef.Shape.fromCode(rs.getInt(3)),
                        ObjectId.of(rs.getBytes(4)), rs.getLong(5));
                out.put(new MediaKey(ref.contentId(), ref.role()), new BackedUpMedia(ref, rs.getInt(6)));
            }
            return out;
        });
    }

    /** Records files whose objects have all landed, so neither a later run nor a resumed one reads them again. */
    public void recordMediaLanded(Collection<BackedUpMedia> landed) {
        if (landed.isEmpty()) return;
        db.inTransaction(() -> {
            try (PreparedStatement ps = db.connection().prepareStatement("INSERT OR REPLACE INTO backup_media VALUES(?,?,?,?,?,?)")) {
                for (BackedUpMedia m : landed) {
                    ps.setString(1, m.ref().contentId());
                    ps.setInt(2, m.ref().role().code());
                    ps.setInt(3, m.ref().shape().code());
                    ps.setBytes(4, m.ref().objectId().toBytes());
                    ps.setLong(5, m.ref().size());
                    ps.setInt(6, m.bucket());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    /** Forgets which media is on the server (after the server turned out to lack some). */
    public void forgetMedia() {
        db.update("DELETE FROM backup_media");
    }

    public Set<ObjectId> restoredSegments() {
        return db.query("SELECT object_id FROM restored_segments", ps -> {}, rs -> {
            Set<ObjectId> out = new HashSet<>();
            while (rs.next()) out.add(ObjectId.of(rs.getBytes(1)));
            return out;
        });
    }

    public void clearRestoredSegments() {
        db.update("DELETE FROM restored_segments");
    }

    /** Applies restored messages and records their segments as done, atomically, so a crash never half-applies a segment. */
    public void applyRestoredSegments(List<Message> messages, Collection<ObjectId> segmentIds, boolean searchableNow) {
        db.inTransaction(() -> {
            writer.write(messages, MessageWriter.Origin.VAULT, searchableNow);
            try (PreparedStatement ps = db.connection().prepareStatement("INSERT OR IGNORE INTO restored_segments VALUES(?)")) {
                for (ObjectId id : segmentIds) {
                    ps.setBytes(1, id.toBytes());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

}
