package org.chatvault.client.local;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** The SQL function that checks an index candidate's text with the index's case folding. */
    static final String FOLDED_CONTAINS = "chatvault_folded_contains";
    /** How many of a long text's trigrams the index is asked for; the check on the text makes the answer exact anyway. */
    private static final int MAX_TRIGRAMS = 16;

    SearchIndex {
        try {
            org.sqlite.Function.create(db.connection(), FOLDED_CONTAINS, new org.sqlite.Function() {
                @Override protected void xFunc() throws SQLException {
                    String text = value_text(0), part = value_text(1);
                    result(text != null && part != null && folded(text).contains(folded(part)) ? 1 : 0);
                }
            }, 2, org.sqlite.Function.FLAG_DETERMINISTIC);
        } catch (SQLException e) {
            throw db.fail("register " + FOLDED_CONTAINS, e);
        }
    }

    /** Lower case code point by code point, as the trigram tokenizer folds (Unicode, not only ASCII; no diacritics removed). */
    static String folded(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.toLowerCase(cp)));
        return b.toString();
    }

    /**
     * The index query for a text of three or more code points: its trigrams, each a phrase of one
     * token, all required. Long texts ask for {@value #MAX_TRIGRAMS} of them, spread from the first to the last.
     */
    static String trigramQuery(String text) {
        int[] cps = text.codePoints().toArray();
        int n = cps.length - 2;
        java.util.LinkedHashSet<String> grams = new java.util.LinkedHashSet<>();
        for (int k = 0; k < Math.min(n, MAX_TRIGRAMS); k++) {
            int at = n <= MAX_TRIGRAMS ? k : (int) ((long) k * (n - 1) / (MAX_TRIGRAMS - 1));
            grams.add("\"" + new String(cps, at, 3).replace("\"", "\"\"") + "\"");
        }
        return String.join(" ", grams);
    }

    /** @see LocalStore#search */
    List<SearchHit> search(SearchQuery q) {
        if (q.text().isBlank()) return List.of();
        String text = q.text();
        boolean indexed = text.codePointCount(0, text.length()) >= 3;
        // Filters go into the SQL, so LIMIT counts only messages that pass them.
        StringBuilder filters = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (!q.conversationIds().isEmpty()) {
            filters.append(" AND m.conversation_id IN (").append("?,".repeat(q.conversationIds().size() - 1)).append("?)");
            args.addAll(q.conversationIds());
        }
        if (q.since() != Long.MIN_VALUE) { filters.append(" AND m.sent_at >= ?"); args.add(q.since()); }
        if (q.until() != Long.MAX_VALUE) { filters.append(" AND m.sent_at < ?"); args.add(q.until()); }
        List<Object> argsWithSender = new ArrayList<>(args);
        String senderFilter = "";
        if (q.sender() != null) { senderFilter = " AND m.sender = ? COLLATE NOCASE"; argsWithSender.add(q.sender()); }
        String order = " ORDER BY m.sent_at DESC, m.id DESC LIMIT ?";
        String select = "SELECT m.conversation_id, m.sent_at, m.id FROM messages m ";
        // The trigram index folds case; the scans fold it too (ASCII) so both parts agree.
        String scan = "instr(lower(m.text), lower(?)) > 0";
        // The index keeps no positions (detail=none: a third of the size, built faster), so it finds
        // rows holding every trigram of the text; each is checked for the text itself, folding case
        // as the index does (the native ASCII check first, the Unicode fold only when it fails).
        // A text of one trigram needs no check, and skipping it keeps common words off the table's
        // rows: the fts_rowid index alone answers them.
        boolean oneTrigram = text.codePointCount(0, text.length()) == 3;
        String matches = "m.fts_rowid IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)"
                + (oneTrigram ? "" : " AND (instr(lower(m.text), lower(?)) > 0 OR " + FOLDED_CONTAINS + "(m.text, ?))");
        List<String> phrase = oneTrigram ? List.of(trigramQuery(text)) : List.of(trigramQuery(text), text, text);
        List<String[]> keys;
        if (!indexed) {
            keys = db.query(select + "WHERE " + scan + filters + senderFilter + order,
                    ps -> bind(ps, List.of(text), argsWithSender, q.limit()), SearchIndex::keys);
        } else if (q.sender() == null && oneTrigram) {
            keys = db.query(select + "WHERE " + matches + filters + order, ps -> bind(ps, phrase, args, q.limit()), SearchIndex::keys);
        } else if (q.sender() == null) {
            keys = newestCandidatesFirst(q, phrase, matches, filters.toString(), args, select, order);
        } else {
            keys = bySender(q, phrase, matches, scan, filters.toString(), args, argsWithSender, select, order);
        }
        if (indexed) {
            keys = new ArrayList<>(keys);
            // Rows still waiting for the index are scanned, range by range: searches stay complete.
            // (The sender path may have scanned them already: each message once.)
            java.util.Set<String> held = new java.util.HashSet<>();
            for (String[] k : keys) held.add(k[0] + '\u0000' + k[1] + '\u0000' + k[2]);
            for (String[] k : db.query(select + "JOIN search_backlog b ON m.fts_rowid BETWEEN b.lo AND b.hi WHERE " + scan + filters + senderFilter + order,
                    ps -> bind(ps, List.of(text), argsWithSender, q.limit()), SearchIndex::keys)) {
                if (held.add(k[0] + '\u0000' + k[1] + '\u0000' + k[2])) keys.add(k);
            }
            keys.sort(Comparator.comparingLong((String[] k) -> Long.parseLong(k[1])).thenComparing(k -> k[2]).reversed());
            if (keys.size() > q.limit()) keys = keys.subList(0, q.limit());
        }
        List<SearchHit> hits = new ArrayList<>();
        for (String[] k : keys) {
            long sentAt = Long.parseLong(k[1]);
            try {
                Optional<Message> one = reader.findOne(k[0], sentAt, k[2]);
                if (one.isEmpty()) continue;
                String title = conversations.find(k[0]).map(Conversation::title).orElse(k[0]);
                hits.add(q.context() == 0 ? new SearchHit(title, one.get())
                        : new SearchHit(title, one.get(), reader.before(k[0], sentAt, k[2], q.context()),
                                reader.after(k[0], sentAt, k[2], q.context())));
            } catch (SQLException e) {
                throw db.fail("search", e);
            }
        }
        return hits;
    }

    /**
     * How many of the newest candidates are checked one by one (on the sender, or on the text) before
     * the whole set is joined with the rows.
     */
    private static final int PROBED_MATCHES = 2_000;

    /**
     * Indexed matches from one sender. The sender needs the row itself (there is no index by
     * sender: it would cost every insert), so the newest matches are checked one by one until the
     * limit is full, which is quick when the sender wrote some of them. When that does not fill the
     * limit and there are more matches than were checked (a common word, a sender who rarely or never
     * wrote it), the rows are scanned instead: checking hundreds of thousands of matches one by one
     * took over a second on 2,000,000 messages.
     */
    private List<String[]> bySender(SearchQuery q, List<String> phrase, String matches, String scan, String filters, List<Object> args,
                                    List<Object> argsWithSender, String select, String order) {
        String probed = "WITH k AS MATERIALIZED (SELECT m.conversation_id c, m.sent_at s, m.id i FROM messages m WHERE "
                + matches + filters + " ORDER BY m.sent_at DESC, m.id DESC LIMIT " + PROBED_MATCHES + ") SELECT c, s, i FROM k "
                + "WHERE (SELECT m.sender FROM messages m WHERE m.conversation_id = k.c AND m.sent_at = k.s AND m.id = k.i) = ? COLLATE NOCASE LIMIT ?";
        List<String[]> keys = db.query(probed, ps -> bind(ps, phrase, argsWithSender, q.limit()), SearchIndex::keys);
        if (keys.size() >= q.limit()) return keys;
        long matched = db.queryLong("SELECT count(*) FROM (SELECT 1 FROM messages m WHERE " + matches + filters + " LIMIT ?)",
                ps -> bind(ps, phrase, args, PROBED_MATCHES + 1));
        if (matched <= PROBED_MATCHES) return keys; // every match was checked
        // Many more matches than the sender's: scan the rows, the sender compared first and the text
        // only on their rows (a constant 0.3 s on 2,000,000 messages; joining 391,000 matches was 0.65 s).
        return db.query(select + "WHERE m.sender = ? COLLATE NOCASE AND " + scan + filters + order, ps -> {
            ps.setString(1, q.sender());
            bind(ps, 2, List.of(q.text()), args, q.limit());
        }, SearchIndex::keys);
    }

    /**
     * Indexed matches of a text of more than one trigram. A candidate of the index holds every
     * trigram but must be read from the table to see whether it holds the text; reading all of them
     * before choosing the newest made common words 3-10 times slower than an index with positions.
     * So the newest candidates (ordered from the covering fts_rowid index alone) are checked first,
     * stopping when the limit is full; only when they hold too few matches is every candidate
     * checked, as before.
     */
    private List<String[]> newestCandidatesFirst(SearchQuery q, List<String> phrase, String matches, String filters, List<Object> args,
                                                 String select, String order) {
        String candidates = "m.fts_rowid IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)";
        String probed = "WITH k AS MATERIALIZED (SELECT m.conversation_id c, m.sent_at s, m.id i FROM messages m WHERE "
                + candidates + filters + " ORDER BY m.sent_at DESC, m.id DESC LIMIT " + PROBED_MATCHES + ") SELECT c, s, i FROM k "
                + "WHERE (SELECT instr(lower(m.text), lower(?)) > 0 OR " + FOLDED_CONTAINS + "(m.text, ?) FROM messages m "
                + "WHERE m.conversation_id = k.c AND m.sent_at = k.s AND m.id = k.i) LIMIT ?";
        List<Object> probeArgs = new ArrayList<>(args);
        probeArgs.add(q.text());
        probeArgs.add(q.text());
        List<String[]> keys = db.query(probed, ps -> bind(ps, List.of(phrase.get(0)), probeArgs, q.limit()), SearchIndex::keys);
        if (keys.size() >= q.limit()) return keys;
        long candidateCount = db.queryLong("SELECT count(*) FROM (SELECT 1 FROM messages m WHERE " + candidates + filters + " LIMIT ?)",
                ps -> bind(ps, List.of(phrase.get(0)), args, PROBED_MATCHES + 1));
        if (candidateCount <= PROBED_MATCHES) return keys; // every candidate was checked
        return db.query(select + "WHERE " + matches + filters + order, ps -> bind(ps, phrase, args, q.limit()), SearchIndex::keys);
    }

    private static void bind(PreparedStatement ps, List<String> texts, List<Object> filterArgs, int limit) throws SQLException {
        bind(ps, 1, texts, filterArgs, limit);
    }

    /** Binds the texts (the query, or the index query and the text it is checked against) from {@code first}, then the filters' values, then the limit. */
    private static void bind(PreparedStatement ps, int first, List<String> texts, List<Object> filterArgs, int limit) throws SQLException {
        int i = first;
        for (String t : texts) ps.setString(i++, t);
        for (Object a : filterArgs) {
            if (a instanceof Long l) ps.setLong(i++, l);
            else ps.setString(i++, (String) a);
        }
        ps.setInt(i, limit);
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
