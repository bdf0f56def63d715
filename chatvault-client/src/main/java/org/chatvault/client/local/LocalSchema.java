package org.chatvault.client.local;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates and upgrades the LocalStore schema; the version lives in SQLite's user_version. */
final class LocalSchema {
    static final int VERSION = 5;

    private LocalSchema() {}

    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int version;
            try (var rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version > VERSION)
                throw new SQLException("this LocalStore was written by a newer Chatvault (schema " + version + ")");
            if (version == VERSION) return;
            c.setAutoCommit(false);
            if (version < 1) createVersion1(s);
            if (version < 2) createVersion2(s);
            if (version < 3) createVersion3(s);
            if (version < 4) createVersion4(s);
            if (version < 5) createVersion5(s);
            s.executeUpdate("PRAGMA user_version = " + VERSION);
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static void createVersion1(Statement s) throws SQLException {
        // Messages are clustered by (conversation, time) so backup reads them sequentially.
        s.executeUpdate("""
            CREATE TABLE conversations(
              id TEXT PRIMARY KEY, kind INTEGER NOT NULL, title TEXT NOT NULL, participants TEXT NOT NULL,
              dirty_since INTEGER, change_seq INTEGER NOT NULL DEFAULT 0)""");
        s.executeUpdate("""
            CREATE TABLE messages(
              conversation_id TEXT NOT NULL, sent_at INTEGER NOT NULL, id TEXT NOT NULL,
              sender TEXT NOT NULL, type INTEGER NOT NULL, text TEXT, reply_to TEXT, forwarded_from TEXT,
              edited_at INTEGER, ephemeral INTEGER NOT NULL, fts_rowid INTEGER,
              PRIMARY KEY(conversation_id, sent_at, id)) WITHOUT ROWID""");
        s.executeUpdate("""
            CREATE TABLE attachments(
              conversation_id TEXT NOT NULL, sent_at INTEGER NOT NULL, message_id TEXT NOT NULL, ord INTEGER NOT NULL,
              content_id TEXT NOT NULL, name TEXT NOT NULL, mime TEXT NOT NULL, size INTEGER NOT NULL, thumbnail_id TEXT,
              PRIMARY KEY(conversation_id, sent_at, message_id, ord)) WITHOUT ROWID""");
        // fts_rowid only ever grows, so this index is appended to, never reshuffled.
        s.executeUpdate("CREATE UNIQUE INDEX messages_by_fts_rowid ON messages(fts_rowid)");
        // Version 1's search index (version 5 replaces it, see createVersion5).
        s.executeUpdate("CREATE VIRTUAL TABLE message_fts USING fts5(text, content='', contentless_delete=1, tokenize='trigram')");
        // Ranges of fts_rowid whose text is not in message_fts yet (bulk restore indexes later).
        s.executeUpdate("CREATE TABLE search_backlog(lo INTEGER PRIMARY KEY, hi INTEGER NOT NULL)");
        s.executeUpdate("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.executeUpdate("""
            CREATE TABLE backup_segments(
              conversation_id TEXT NOT NULL, first_sent_at INTEGER NOT NULL, object_id BLOB NOT NULL,
              month INTEGER NOT NULL, last_sent_at INTEGER NOT NULL, count INTEGER NOT NULL, plain_size INTEGER NOT NULL,
              PRIMARY KEY(conversation_id, first_sent_at, object_id)) WITHOUT ROWID""");
        s.executeUpdate("""
            CREATE TABLE backup_conversations(
              conversation_id TEXT PRIMARY KEY, index_id BLOB NOT NULL, last_activity INTEGER NOT NULL,
              message_count INTEGER NOT NULL)""");
        s.executeUpdate("CREATE TABLE restored_segments(object_id BLOB PRIMARY KEY) WITHOUT ROWID");
    }

    /** Media: what of each content file is in the vault, and each conversation-month's media index. */
    private static void createVersion2(Statement s) throws SQLException {
        // One row per content file (role 1) or thumbnail (role 2) that has fully landed on the
        // server; bucket is the month it was labelled with.
        s.executeUpdate("""
            CREATE TABLE backup_media(
              content_id TEXT NOT NULL, role INTEGER NOT NULL, shape INTEGER NOT NULL, object_id BLOB NOT NULL,
              size INTEGER NOT NULL, bucket INTEGER NOT NULL,
              PRIMARY KEY(content_id, role)) WITHOUT ROWID""");
        s.executeUpdate("""
            CREATE TABLE backup_media_indexes(
              conversation_id TEXT NOT NULL, month INTEGER NOT NULL, object_id BLOB NOT NULL,
              PRIMARY KEY(conversation_id, month)) WITHOUT ROWID""");
        s.executeUpdate("CREATE INDEX attachments_by_content ON attachments(content_id)");
    }

    /**
     * Merging several devices (docs/SYNC.md): each conversation's metadata change time, and
     * deliberate deletions (a history horizon per conversation, and deleted messages).
     */
    private static void createVersion3(Statement s) throws SQLException {
        s.executeUpdate("ALTER TABLE conversations ADD COLUMN cleared_before INTEGER");
        // When kind, title or participants last changed here (0: before this was recorded).
        s.executeUpdate("ALTER TABLE conversations ADD COLUMN meta_changed_at INTEGER NOT NULL DEFAULT 0");
        s.executeUpdate("""
            CREATE TABLE tombstones(
              conversation_id TEXT NOT NULL, sent_at INTEGER NOT NULL, id TEXT NOT NULL,
              PRIMARY KEY(conversation_id, sent_at, id)) WITHOUT ROWID""");
    }

    /**
     * The search index keeps only which rows hold each trigram (detail=none), no positions: a third
     * of the size and faster to build; a search checks each candidate row's text (SearchIndex). The
     * old index is dropped and every message waits in the backlog to be indexed again, so searches
     * stay complete (the backlog is scanned) until the next index build.
     */
    private static void createVersion5(Statement s) throws SQLException {
        // Trigram tokens make substring search work for Chinese as well as for English. The
        // index holds no text (content=''): rows are found again through fts_rowid.
        s.executeUpdate("DROP TABLE message_fts");
        s.executeUpdate("CREATE VIRTUAL TABLE message_fts USING fts5(text, content='', contentless_delete=1, detail=none, tokenize='trigram')");
        s.executeUpdate("DELETE FROM search_backlog");
        s.executeUpdate("INSERT INTO search_backlog(lo, hi) SELECT min(fts_rowid), max(fts_rowid) FROM messages HAVING count(fts_rowid) > 0");
    }

    /** Imports from other apps: what was read, in which format and time zone (local times in most exports carry none). */
    private static void createVersion4(Statement s) throws SQLException {
        s.executeUpdate("""
            CREATE TABLE imports(
              imported_at INTEGER NOT NULL, source TEXT NOT NULL, format TEXT NOT NULL, zone TEXT NOT NULL,
              messages_read INTEGER NOT NULL, messages_added INTEGER NOT NULL)""");
    }
}
