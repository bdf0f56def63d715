package org.chatvault.client.local;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/** Reads whole messages (with their attachments) out of the LocalStore, and counts them. */
final class MessageReader {
    private final LocalDatabase db;

    MessageReader(LocalDatabase db) { this.db = db; }

    /** @see LocalStore#forEachMessage */
    void forEach(String conversationId, long fromSentAt, Consumer<Message> sink) {
        String where = "conversation_id=? AND sent_at>=?";
        synchronized (db.lock()) {
            try (PreparedStatement ps = db.connection().prepareStatement(messageSelect(where) + " ORDER BY sent_at, id");
                 PreparedStatement pa = db.connection().prepareStatement(attachmentSelect(where) + " ORDER BY sent_at, message_id, ord")) {
                for (PreparedStatement p : List.of(ps, pa)) {
                    p.setString(1, conversationId);
                    p.setLong(2, fromSentAt);
                }
                streamMessages(ps, pa, sink);
            } catch (SQLException e) {
                throw db.fail("read messages", e);
            }
        }
    }

    /** @see LocalStore#lastMessages */
    List<Message> last(String conversationId, int limit) {
        long from = db.query("SELECT sent_at FROM messages WHERE conversation_id=? ORDER BY sent_at DESC, id DESC LIMIT 1 OFFSET ?",
                ps -> { ps.setString(1, conversationId); ps.setInt(2, limit - 1); },
                rs -> rs.next() ? rs.getLong(1) : Long.MIN_VALUE);
        List<Message> out = new ArrayList<>();
        forEach(conversationId, from, out::add);
        return out.size() > limit ? new ArrayList<>(out.subList(out.size() - limit, out.size())) : out;
    }

    long count() {
        return db.queryLong("SELECT count(*) FROM messages", ps -> {});
    }

    long count(String conversationId) {
        return db.queryLong("SELECT count(*) FROM messages WHERE conversation_id=?", ps -> ps.setString(1, conversationId));
    }

    /** @see LocalStore#vaultMessageCount */
    long vaultCount(String conversationId, long since) {
        return db.queryLong("SELECT count(*) FROM messages WHERE conversation_id=? AND ephemeral=0 AND sent_at>=?", ps -> {
            ps.setString(1, conversationId);
            ps.setLong(2, since);
        });
    }

    /** @see LocalStore#vaultMessageCountsByMonth */
    java.util.Map<Integer, Long> vaultCountsByMonth() {
        // The month of the UTC day of sent_at, as yyyymm: the vault's time bucket of a message (Months.of).
        return db.query("SELECT CAST(strftime('%Y%m', sent_at / 1000, 'unixepoch') AS INTEGER), count(*) FROM messages"
                        + " WHERE ephemeral=0 GROUP BY 1 ORDER BY 1", ps -> {},
                rs -> {
                    java.util.Map<Integer, Long> out = new java.util.TreeMap<>();
                    while (rs.next()) out.put(rs.getInt(1), rs.getLong(2));
                    return out;
                });
    }

    /** One whole message by its key, if this store holds it. */
    Optional<Message> findOne(String conversationId, long sentAt, String id) throws SQLException {
        List<Message> one = new ArrayList<>(1);
        try (PreparedStatement ps = db.connection().prepareStatement(messageSelect("conversation_id=? AND sent_at=? AND id=?"));
             PreparedStatement pa = db.connection().prepareStatement(attachmentSelect("conversation_id=? AND sent_at=? AND message_id=?") + " ORDER BY ord")) {
            for (PreparedStatement p : List.of(ps, pa)) {
                p.setString(1, conversationId);
                p.setLong(2, sentAt);
                p.setString(3, id);
            }
            streamMessages(ps, pa, one::add);
        }
        return one.stream().findFirst();
    }

    /** Up to {@code n} messages of the conversation just before the given one, oldest first. */
    List<Message> before(String conversationId, long sentAt, String id, int n) throws SQLException {
        return neighbours(conversationId, sentAt, id, n, "(sent_at, id) < (?, ?) ORDER BY sent_at DESC, id DESC");
    }

    /** Up to {@code n} messages of the conversation just after the given one, oldest first. */
    List<Message> after(String conversationId, long sentAt, String id, int n) throws SQLException {
        return neighbours(conversationId, sentAt, id, n, "(sent_at, id) > (?, ?) ORDER BY sent_at, id");
    }

    // Finds the neighbours' keys first, then reads them whole as one key range (messages and their
    // attachments merged in key order, as everywhere here).
    private List<Message> neighbours(String conversationId, long sentAt, String id, int n, String whereAndOrder) throws SQLException {
        List<Object[]> keys = new ArrayList<>(n);
        try (PreparedStatement ps = db.connection().prepareStatement(
                "SELECT sent_at, id FROM messages WHERE conversation_id=? AND " + whereAndOrder + " LIMIT ?")) {
            ps.setString(1, conversationId);
            ps.setLong(2, sentAt);
            ps.setString(3, id);
            ps.setInt(4, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) keys.add(new Object[] {rs.getLong(1), rs.getString(2)});
            }
        }
        if (keys.isEmpty()) return List.of();
        Object[] a = keys.getFirst(), b = keys.getLast();
        boolean ascending = ((Long) a[0] < (Long) b[0]) || ((Long) a[0]).equals(b[0]) && ((String) a[1]).compareTo((String) b[1]) <= 0;
        Object[] lo = ascending ? a : b, hi = ascending ? b : a;
        String range = "conversation_id=? AND (sent_at, %1$s) >= (?, ?) AND (sent_at, %1$s) <= (?, ?)";
        List<Message> out = new ArrayList<>(keys.size());
        try (PreparedStatement ps = db.connection().prepareStatement(messageSelect(range.formatted("id")) + " ORDER BY sent_at, id");
             PreparedStatement pa = db.connection().prepareStatement(
                     attachmentSelect(range.formatted("message_id")) + " ORDER BY sent_at, message_id, ord")) {
            for (PreparedStatement p : List.of(ps, pa)) {
                p.setString(1, conversationId);
                p.setLong(2, (Long) lo[0]);
                p.setString(3, (String) lo[1]);
                p.setLong(4, (Long) hi[0]);
                p.setString(5, (String) hi[1]);
            }
            streamMessages(ps, pa, out::add);
        }
        return out;
    }

    // Each column read is a JNI call, the dominant cost of a scan: rarely set columns are read only
    // when the flags column computed by SQLite says they hold something.
    private static String messageSelect(String where) {
        return "SELECT conversation_id, sent_at, id, sender, type, text, "
                + "(reply_to IS NOT NULL) | ((forwarded_from IS NOT NULL) << 1) | ((edited_at IS NOT NULL) << 2) | (ephemeral << 3), "
                + "reply_to, forwarded_from, edited_at FROM messages WHERE " + where;
    }

    private static String attachmentSelect(String where) {
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
}
