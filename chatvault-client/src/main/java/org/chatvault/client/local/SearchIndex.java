package org.chatvault.client.local;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * The trigram full-text index over message text, and its backlog: ranges of rows whose text is
 * not indexed yet (a restore defers indexing, which costs five times the insert itself).
 */
record SearchIndex(LocalDatabase db, MessageReader reader, Conversations conversations) {
    /** @see LocalStore#search */
    List<SearchHit> search(String text, int limit) {
        if (text == null || text.isBlank()) return List.of();
        String select = "SELECT conversation_id, sent_at, id FROM messages m WHERE ";
        List<String[]> keys = new ArrayList<>(text.codePointCount(0, text.length()) >= 3
                ? db.query(select + "fts_rowid IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?) ORDER BY sent_at DESC LIMIT ?",
                        ps -> { ps.setString(1, "\"" + text.replace("\"", "\"\"") + "\""); ps.setInt(2, limit); }, SearchIndex::keys)
                : db.query(select + "instr(text, ?) > 0 ORDER BY sent_at DESC LIMIT ?",
                        ps -> { ps.setString(1, text); ps.setInt(2, limit); }, SearchIndex::keys));
        if (text.codePointCount(0, text.length()) >= 3) {
            keys.addAll(db.query(select + "EXISTS (SELECT 1 FROM search_backlog b WHERE m.fts_rowid BETWEEN b.lo AND b.hi) "
                    + "AND instr(text, ?) > 0 ORDER BY sent_at DESC LIMIT ?", ps -> { ps.setString(1, text); ps.setInt(2, limit); }, SearchIndex::keys));
            keys.sort((x, y) -> Long.compare(Long.parseLong(y[1]), Long.parseLong(x[1])));
            if (keys.size() > limit) keys = keys.subList(0, limit);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (String[] k : keys) {
            Optional<Message> one;
            try {
                one = reader.findOne(k[0], Long.parseLong(k[1]), k[2]);
            } catch (SQLException e) {
                throw db.fail("search", e);
            }
            one.ifPresent(m -> hits.add(new SearchHit(conversations.find(k[0]).map(Conversation::title).orElse(k[0]), m)));
        }
        return hits;
    }

    /** @see LocalStore#pendingSearchIndex */
    long pending() {
        return db.queryLong("SELECT coalesce(sum(hi - lo + 1), 0) FROM search_backlog", ps -> {});
    }

    /** @see LocalStore#buildSearchIndex */
    void build(LongConsumer progress) {
        final long chunk = 20_000;
        while (true) {
            long[] range = db.query("SELECT lo, hi FROM search_backlog ORDER BY lo LIMIT 1", ps -> {},
                    rs -> rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null);
            if (range == null) return;
            long lo = range[0], hi = Math.min(range[1], range[0] + chunk - 1);
            db.inTransaction(() -> {
                try (PreparedStatement ins = db.connection().prepareStatement(
                        "INSERT INTO message_fts(rowid, text) SELECT fts_rowid, text FROM messages WHERE fts_rowid BETWEEN ? AND ? AND text <> ''");
                     PreparedStatement del = db.connection().prepareStatement("DELETE FROM search_backlog WHERE lo=?");
                     PreparedStatement add = db.connection().prepareStatement("INSERT INTO search_backlog(lo, hi) VALUES(?,?)")) {
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
            progress.accept(hi - lo + 1);
        }
    }

    /** Adds one row's text to a batch of index inserts ({@code INSERT INTO message_fts(rowid, text) VALUES(?,?)}). */
    static void addToIndex(PreparedStatement fts, long rowid, String text) throws SQLException {
        if (text == null || text.isEmpty()) return;
        fts.setLong(1, rowid);
        fts.setString(2, text);
        fts.addBatch();
    }

    /** Records rows {@code lo..hi} as waiting for the index, inside the caller's transaction. */
    void defer(long lo, long hi) throws SQLException {
        try (PreparedStatement ps = db.connection().prepareStatement("INSERT INTO search_backlog(lo, hi) VALUES(?,?)")) {
            ps.setLong(1, lo);
            ps.setLong(2, hi);
            ps.executeUpdate();
        }
    }

    /**
     * Takes a row's text out of the search index, unless it is still waiting in the backlog
     * (never indexed); returns false in that case.
     */
    boolean unindex(long rowid) throws SQLException {
        try (PreparedStatement inBacklog = db.connection().prepareStatement("SELECT 1 FROM search_backlog WHERE lo<=? AND hi>=?");
             PreparedStatement del = db.connection().prepareStatement("DELETE FROM message_fts WHERE rowid=?")) {
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

    private static List<String[]> keys(ResultSet rs) throws SQLException {
        List<String[]> out = new ArrayList<>();
        while (rs.next()) out.add(new String[] {rs.getString(1), String.valueOf(rs.getLong(2)), rs.getString(3)});
        return out;
    }
}
