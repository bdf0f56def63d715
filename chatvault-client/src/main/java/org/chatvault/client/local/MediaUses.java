package org.chatvault.client.local;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Where the LocalStore's attachments use content files and thumbnails: what media backup, restore and verify walk. */
final class MediaUses {
    private static final String USES = """
            SELECT a.conversation_id, a.sent_at, a.content_id, a.mime, a.size, a.thumbnail_id
            FROM attachments a JOIN messages m
              ON m.conversation_id = a.conversation_id AND m.sent_at = a.sent_at AND m.id = a.message_id
            WHERE m.ephemeral = 0""";
    private final LocalDatabase db;

    MediaUses(LocalDatabase db) { this.db = db; }

    /** @see LocalStore#forEachMediaUse */
    void forEach(Consumer<MediaUse> sink) {
        synchronized (db.lock()) {
            try (PreparedStatement ps = db.connection().prepareStatement(USES + "\nORDER BY a.conversation_id, a.sent_at");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sink.accept(mediaUse(rs));
            } catch (SQLException e) {
                throw db.fail("read attachments", e);
            }
        }
    }

    /** @see LocalStore#findAttachment */
    Optional<LocalStore.AttachmentPlace> find(String conversationId, String contentId) {
        return db.query("""
                SELECT message_id, sent_at, name FROM attachments
                WHERE conversation_id=? AND (content_id=? OR thumbnail_id=?) ORDER BY sent_at DESC LIMIT 1""",
                ps -> {
                    ps.setString(1, conversationId);
                    ps.setString(2, contentId);
                    ps.setString(3, contentId);
                },
                rs -> rs.next() ? Optional.of(new LocalStore.AttachmentPlace(rs.getString(1), rs.getLong(2), rs.getString(3)))
                        : Optional.<LocalStore.AttachmentPlace>empty());
    }

    /** @see LocalStore#mediaUsesOf */
    List<MediaUse> of(String contentId) {
        return db.query(USES + " AND (a.content_id = ? OR a.thumbnail_id = ?)",
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
}
