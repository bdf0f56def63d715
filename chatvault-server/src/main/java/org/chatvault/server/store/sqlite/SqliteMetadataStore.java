package org.chatvault.server.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.store.AccountRecord;
import org.chatvault.server.store.CommitOutcome;
import org.chatvault.server.store.Head;
import org.chatvault.server.store.HeadChange;
import org.chatvault.server.store.IndexResult;
import org.chatvault.server.store.KeySlotRecord;
import org.chatvault.server.store.LoginHash;
import org.chatvault.server.store.LoginThrottlePolicy;
import org.chatvault.server.store.MetadataStore;
import org.chatvault.server.store.MovedPack;
import org.chatvault.server.store.ObjectMove;
import org.chatvault.server.store.PackStats;
import org.chatvault.server.store.RepackCriteria;
import org.chatvault.server.store.NewPack;
import org.chatvault.server.store.ObjectEntry;
import org.chatvault.server.store.ObjectLocation;
import org.chatvault.server.store.TokenKind;
import org.chatvault.server.store.TokenRecord;
import org.chatvault.server.store.Usage;

/** {@link MetadataStore} on an embedded SQLite file, migrated by Flyway on open. */
public final class SqliteMetadataStore implements MetadataStore {
    /** Ids per {@code IN (...)} list: well under SQLite's bound-parameter limit. */
    private static final int IN_CHUNK = 500;
    /** Selects what {@link #location} reads; a WHERE clause follows. */
    private static final String SELECT_LOCATIONS = """
            SELECT o.object_id, o.kind, o.bucket, o.pack_id, p.storage_key, o.pack_offset, o.length, o.dropped_at
            FROM objects o JOIN packs p ON p.account_id = o.account_id AND p.pack_id = o.pack_id
            """;

    private final SqliteDatabase db;

    private SqliteMetadataStore(SqliteDatabase db) {
        this.db = db;
    }

    /** Opens (creating if needed) and migrates the database file. */
    public static SqliteMetadataStore open(Path file) {
        return new SqliteMetadataStore(new SqliteDatabase(file));
    }

    // ---- accounts --------------------------------------------------------------------------

    @Override
    public boolean createAccount(AccountRecord a) {
        return db.write("create an account", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO accounts (account_id, username, username_key, secret_salt, secret_hash,
                        argon2_memory_kib, argon2_iterations, argon2_parallelism, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (username_key) DO NOTHING""")) {
                LoginHash h = a.loginHash();
                s.setString(1, a.accountId());
                s.setString(2, a.username());
                s.setString(3, a.usernameKey());
                s.setBytes(4, h.salt());
                s.setBytes(5, h.hash());
                s.setInt(6, h.params().memoryKiB());
                s.setInt(7, h.params().iterations());
                s.setInt(8, h.params().parallelism());
                s.setLong(9, a.createdAt().toEpochMilli());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<AccountRecord> findAccountByUsername(String usernameKey) {
        return db.read("find an account", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT account_id, username, username_key, secret_salt, secret_hash,
                        argon2_memory_kib, argon2_iterations, argon2_parallelism, created_at
                    FROM accounts WHERE username_key = ?""")) {
                s.setString(1, usernameKey);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return Optional.empty();
                    LoginHash h = new LoginHash(r.getBytes(4), r.getBytes(5), new Argon2Params(r.getInt(6), r.getInt(7), r.getInt(8)));
                    return Optional.of(new AccountRecord(r.getString(1), r.getString(2), r.getString(3), h, Instant.ofEpochMilli(r.getLong(9))));
                }
            }
        });
    }

    // ---- tokens ----------------------------------------------------------------------------

    @Override
    public void insertTokens(List<TokenRecord> tokens) {
        db.write("store tokens", c -> {
            insertTokens(c, tokens);
            return null;
        });
    }

    private static void insertTokens(Connection c, List<TokenRecord> tokens) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO tokens (token_hash, account_id, session_id, kind, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            for (TokenRecord t : tokens) {
                s.setBytes(1, t.tokenHash());
                s.setString(2, t.accountId());
                s.setString(3, t.sessionId());
                s.setString(4, t.kind().name().toLowerCase(Locale.ROOT));
                s.setLong(5, t.expiresAt().toEpochMilli());
                s.executeUpdate();
            }
        }
    }

    @Override
    public Optional<TokenRecord> findToken(byte[] tokenHash) {
        return db.read("find a token", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT account_id, session_id, kind, expires_at FROM tokens WHERE token_hash = ?")) {
                s.setBytes(1, tokenHash);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) return Optional.empty();
                    return Optional.of(new TokenRecord(tokenHash.clone(), r.getString(1), r.getString(2),
                            TokenKind.valueOf(r.getString(3).toUpperCase(Locale.ROOT)), Instant.ofEpochMilli(r.getLong(4))));
                }
            }
        });
    }

    @Override
    public boolean replaceToken(byte[] oldTokenHash, List<TokenRecord> newTokens) {
        return db.write("rotate a token", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM tokens WHERE token_hash = ?")) {
                s.setBytes(1, oldTokenHash);
                if (s.executeUpdate() != 1) return false;
            }
            insertTokens(c, newTokens);
            return true;
        });
    }

    @Override
    public void deleteSession(String accountId, String sessionId) {
        db.write("end a session", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM tokens WHERE account_id = ? AND session_id = ?")) {
                s.setString(1, accountId);
                s.setString(2, sessionId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int deleteExpiredTokens(String accountId, Instant now) {
        return db.write("delete expired tokens", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM tokens WHERE account_id = ? AND expires_at <= ?")) {
                s.setString(1, accountId);
                s.setLong(2, now.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    // ---- key slots -------------------------------------------------------------------------

    @Override
    public List<KeySlotRecord> listKeySlots(String accountId) {
        return db.read("list key slots", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT slot_id, kind, blob, updated_at FROM key_slots WHERE account_id = ? ORDER BY slot_id")) {
                s.setString(1, accountId);
                List<KeySlotRecord> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(new KeySlotRecord(r.getString(1), r.getString(2), r.getBytes(3), Instant.ofEpochMilli(r.getLong(4))));
                }
                return out;
            }
        });
    }

    @Override
    public void putKeySlot(String accountId, KeySlotRecord slot) {
        db.write("store a key slot", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO key_slots (account_id, slot_id, kind, blob, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (account_id, slot_id) DO UPDATE
                        SET kind = excluded.kind, blob = excluded.blob, updated_at = excluded.updated_at""")) {
                s.setString(1, accountId);
                s.setString(2, slot.slotId());
                s.setString(3, slot.kind());
                s.setBytes(4, slot.blob());
                s.setLong(5, slot.updatedAt().toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean deleteKeySlot(String accountId, String slotId) {
        return db.write("delete a key slot", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM key_slots WHERE account_id = ? AND slot_id = ?")) {
                s.setString(1, accountId);
                s.setString(2, slotId);
                return s.executeUpdate() == 1;
            }
        });
    }

    // ---- object index ----------------------------------------------------------------------

    @Override
    public Set<ObjectId> presentObjects(String accountId, Collection<ObjectId> ids) {
        return db.read("look up objects", c -> present(c, accountId, ids));
    }

    private static Set<ObjectId> present(Connection c, String accountId, Collection<ObjectId> ids) throws SQLException {
        Set<ObjectId> found = new HashSet<>();
        for (List<ObjectId> chunk : chunks(ids)) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT object_id FROM objects WHERE account_id = ? AND object_id IN (" + placeholders(chunk.size()) + ")")) {
                bindAccountAndIds(s, accountId, chunk);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) found.add(ObjectId.of(r.getBytes(1)));
                }
            }
        }
        return found;
    }

    @Override
    public Map<ObjectId, ObjectLocation> locateObjects(String accountId, Collection<ObjectId> ids) {
        return db.read("locate objects", c -> {
            Map<ObjectId, ObjectLocation> found = new HashMap<>();
            for (List<ObjectId> chunk : chunks(ids)) {
                try (PreparedStatement s = c.prepareStatement(SELECT_LOCATIONS + """
                        WHERE o.account_id = ? AND o.object_id IN (""" + placeholders(chunk.size()) + ")")) {
                    bindAccountAndIds(s, accountId, chunk);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            ObjectLocation at = location(r);
                            found.put(at.id(), at);
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public IndexResult indexPacks(String accountId, List<NewPack> packs, Instant now) {
        return db.write("index uploaded objects", c -> {
            int objects = 0;
            long bytes = 0;
            List<String> unused = new ArrayList<>();
            try (PreparedStatement pack = c.prepareStatement(
                         "INSERT INTO packs (account_id, pack_id, bucket, storage_key, length, created_at) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement object = c.prepareStatement("""
                         INSERT INTO objects (account_id, object_id, kind, bucket, pack_id, pack_offset, length, created_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                         ON CONFLICT (account_id, object_id) DO NOTHING""");
                 PreparedStatement dropPack = c.prepareStatement("DELETE FROM packs WHERE account_id = ? AND pack_id = ?")) {
                for (NewPack p : packs) {
                    pack.setString(1, accountId);
                    pack.setString(2, p.packId());
                    pack.setInt(3, p.bucket());
                    pack.setString(4, p.storageKey());
                    pack.setLong(5, p.length());
                    pack.setLong(6, now.toEpochMilli());
                    pack.executeUpdate();
                    int inPack = 0;
                    for (ObjectEntry e : p.objects()) {
                        object.setString(1, accountId);
                        object.setBytes(2, e.id().toBytes());
                        object.setInt(3, e.kind().code());
                        object.setInt(4, e.bucket());
                        object.setString(5, p.packId());
                        object.setLong(6, e.offset());
                        object.setInt(7, e.length());
                        object.setLong(8, now.toEpochMilli());
                        if (object.executeUpdate() == 1) {
                            inPack++;
                            bytes += e.length();
                        }
                    }
                    if (inPack == 0) {
                        dropPack.setString(1, accountId);
                        dropPack.setString(2, p.packId());
                        dropPack.executeUpdate();
                        unused.add(p.storageKey());
                    }
                    objects += inPack;
                }
            }
            return new IndexResult(objects, bytes, unused);
        });
    }

    // ---- vault head ------------------------------------------------------------------------

    @Override
    public Head head(String accountId) {
        return db.read("read the vault head", c -> head(c, accountId));
    }

    private static Head head(Connection c, String accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version, root, committed_at FROM heads WHERE account_id = ?")) {
            s.setString(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Head.EMPTY;
                return new Head(r.getLong(1), ObjectId.of(r.getBytes(2)), Instant.ofEpochMilli(r.getLong(3)));
            }
        }
    }

    @Override
    public CommitOutcome commit(String accountId, HeadChange change) {
        return db.write("commit", c -> {
            long current = head(c, accountId).version();
            if (current != change.baseVersion()) return new CommitOutcome.Conflict(current);
            Set<ObjectId> referenced = new LinkedHashSet<>(change.added());
            referenced.add(change.root());
            int missing = referenced.size() - present(c, accountId, referenced).size();
            if (missing > 0) return new CommitOutcome.Missing(missing);
            Set<ObjectId> dropped = new LinkedHashSet<>(change.dropped());
            dropped.removeAll(referenced);
            long now = change.committedAt().toEpochMilli();
            updateDropMarks(c, accountId, dropped, "dropped_at = ?", "dropped_at IS NULL", now);
            updateDropMarks(c, accountId, referenced, "dropped_at = NULL", "dropped_at IS NOT NULL", null);
            long next = change.baseVersion() + 1;
            if (change.baseVersion() == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO heads (account_id, version, root, committed_at) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, accountId);
                    s.setLong(2, next);
                    s.setBytes(3, change.root().toBytes());
                    s.setLong(4, now);
                    s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE heads SET version = ?, root = ?, committed_at = ? WHERE account_id = ? AND version = ?")) {
                    s.setLong(1, next);
                    s.setBytes(2, change.root().toBytes());
                    s.setLong(3, now);
                    s.setString(4, accountId);
                    s.setLong(5, change.baseVersion());
                    // The version check above ran in this same transaction, so this cannot miss.
                    if (s.executeUpdate() != 1) throw new SQLException("head moved inside a write transaction");
                }
            }
            return new CommitOutcome.Committed(next);
        });
    }

    private static void updateDropMarks(Connection c, String accountId, Set<ObjectId> ids, String set, String unlessAlready, Long now)
            throws SQLException {
        for (List<ObjectId> chunk : chunks(ids)) {
            String sql = "UPDATE objects SET " + set + " WHERE " + unlessAlready
                    + " AND account_id = ? AND object_id IN (" + placeholders(chunk.size()) + ")";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                if (now != null) s.setLong(i++, now);
                s.setString(i++, accountId);
                for (ObjectId id : chunk) s.setBytes(i++, id.toBytes());
                s.executeUpdate();
            }
        }
    }

    @Override
    public Usage usage(String accountId) {
        return db.read("compute usage", c -> {
            long objects;
            long bytes;
            long packs;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(length), 0) FROM objects WHERE account_id = ?")) {
                s.setString(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    objects = r.getLong(1);
                    bytes = r.getLong(2);
                }
            }
            long packBytes;
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT COUNT(*), COALESCE(SUM(length), 0) FROM packs p WHERE p.account_id = ?
                    AND EXISTS (SELECT 1 FROM objects o WHERE o.account_id = p.account_id AND o.pack_id = p.pack_id)""")) {
                s.setString(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    packs = r.getLong(1);
                    packBytes = r.getLong(2);
                }
            }
            return new Usage(objects, bytes, packs, packBytes, head(c, accountId).version());
        });
    }

    // ---- deleting dropped objects ----------------------------------------------------------

    @Override
    public List<String> accountsWithDroppedObjects(Instant droppedBefore, String afterAccountId, int limit) {
        return db.read("find accounts with dropped objects", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT DISTINCT account_id FROM objects
                    WHERE dropped_at IS NOT NULL AND dropped_at < ? AND account_id > ?
                    ORDER BY account_id LIMIT ?""")) {
                s.setLong(1, droppedBefore.toEpochMilli());
                s.setString(2, afterAccountId == null ? "" : afterAccountId);
                s.setInt(3, limit);
                List<String> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(r.getString(1));
                }
                return out;
            }
        });
    }

    @Override
    public List<String> purgeDroppedObjects(String accountId, Instant droppedBefore) {
        return db.write("purge dropped objects", c -> {
            List<String> packIds = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT DISTINCT pack_id FROM objects WHERE account_id = ? AND dropped_at IS NOT NULL AND dropped_at < ?")) {
                s.setString(1, accountId);
                s.setLong(2, droppedBefore.toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) packIds.add(r.getString(1));
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM objects WHERE account_id = ? AND dropped_at IS NOT NULL AND dropped_at < ?")) {
                s.setString(1, accountId);
                s.setLong(2, droppedBefore.toEpochMilli());
                s.executeUpdate();
            }
            List<String> emptied = new ArrayList<>();
            try (PreparedStatement find = c.prepareStatement("""
                         SELECT storage_key FROM packs p WHERE p.account_id = ? AND p.pack_id = ?
                         AND (p.vacated_at IS NULL OR p.vacated_at < ?)
                         AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.account_id = p.account_id AND o.pack_id = p.pack_id)""");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM packs WHERE account_id = ? AND pack_id = ?")) {
                for (String packId : packIds) {
                    find.setString(1, accountId);
                    find.setString(2, packId);
                    find.setLong(3, droppedBefore.toEpochMilli());
                    try (ResultSet r = find.executeQuery()) {
                        if (!r.next()) continue;
                        emptied.add(r.getString(1));
                    }
                    delete.setString(1, accountId);
                    delete.setString(2, packId);
                    delete.executeUpdate();
                }
            }
            return emptied;
        });
    }

    // ---- moving objects between packs (repack, relabel) -------------------------------------

    @Override
    public Set<ObjectId> relocateObjects(String accountId, MovedPack pack, Instant now) {
        // BEGIN IMMEDIATE: no commit or purge runs until this transaction ends.
        return db.write("move objects into a new pack", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO packs (account_id, pack_id, bucket, storage_key, length, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, accountId);
                s.setString(2, pack.packId());
                s.setInt(3, pack.bucket());
                s.setString(4, pack.storageKey());
                s.setLong(5, pack.length());
                s.setLong(6, now.toEpochMilli());
                s.executeUpdate();
            }
            Set<ObjectId> moved = new LinkedHashSet<>();
            Set<String> vacated = new LinkedHashSet<>();
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE objects SET pack_id = ?, pack_offset = ?, bucket = ?
                    WHERE account_id = ? AND object_id = ? AND pack_id = ? AND pack_offset = ?""")) {
                for (ObjectMove m : pack.moves()) {
                    s.setString(1, pack.packId());
                    s.setLong(2, m.toOffset());
                    s.setInt(3, pack.bucket());
                    s.setString(4, accountId);
                    s.setBytes(5, m.id().toBytes());
                    s.setString(6, m.fromPackId());
                    s.setLong(7, m.fromOffset());
                    if (s.executeUpdate() == 1) {
                        moved.add(m.id());
                        vacated.add(m.fromPackId());
                    }
                }
            }
            if (moved.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM packs WHERE account_id = ? AND pack_id = ?")) {
                    s.setString(1, accountId);
                    s.setString(2, pack.packId());
                    s.executeUpdate();
                }
                return moved;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE packs SET vacated_at = ? WHERE account_id = ? AND pack_id = ?")) {
                for (String packId : vacated) {
                    s.setLong(1, now.toEpochMilli());
                    s.setString(2, accountId);
                    s.setString(3, packId);
                    s.executeUpdate();
                }
            }
            return moved;
        });
    }

    @Override
    public List<ObjectLocation> liveObjectsInPacks(String accountId, Collection<String> packIds) {
        return db.read("list live objects of packs", c -> {
            List<ObjectLocation> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(SELECT_LOCATIONS + """
                    WHERE o.account_id = ? AND o.pack_id = ? AND o.dropped_at IS NULL ORDER BY o.pack_offset""")) {
                for (String packId : new LinkedHashSet<>(packIds)) {
                    s.setString(1, accountId);
                    s.setString(2, packId);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) out.add(location(r));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<PackStats> packStats(String accountId) {
        return db.read("measure packs", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT p.pack_id, p.bucket, p.storage_key, p.length, p.created_at, p.vacated_at,
                        COUNT(o.object_id), COALESCE(SUM(o.length), 0)
                    FROM packs p LEFT JOIN objects o
                        ON o.account_id = p.account_id AND o.pack_id = p.pack_id AND o.dropped_at IS NULL
                    WHERE p.account_id = ?
                    GROUP BY p.pack_id, p.bucket, p.storage_key, p.length, p.created_at, p.vacated_at
                    ORDER BY p.bucket, p.created_at, p.pack_id""")) {
                s.setString(1, accountId);
                List<PackStats> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long vacated = r.getLong(6);
                        Instant vacatedAt = r.wasNull() ? null : Instant.ofEpochMilli(vacated);
                        out.add(new PackStats(r.getString(1), r.getInt(2), r.getString(3), r.getLong(4),
                                Instant.ofEpochMilli(r.getLong(5)), vacatedAt, r.getLong(7), r.getLong(8)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<String> accountsToRepack(RepackCriteria criteria, String afterAccountId, int limit) {
        return db.read("find accounts to repack", c -> {
            // Mirrors RepackCriteria: per account and bucket, a sparse pack or two small ones, among
            // packs old enough and holding a live object (the inner join drops the others).
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT DISTINCT account_id FROM (
                        SELECT account_id, bucket FROM (
                            SELECT p.account_id, p.bucket, p.length,
                                SUM(o.length) + ? * COUNT(*) AS live_bytes
                            FROM packs p JOIN objects o
                                ON o.account_id = p.account_id AND o.pack_id = p.pack_id AND o.dropped_at IS NULL
                            WHERE p.created_at < ? AND p.account_id > ?
                            GROUP BY p.account_id, p.pack_id, p.bucket, p.length)
                        GROUP BY account_id, bucket
                        HAVING SUM(CASE WHEN live_bytes < length * ? THEN 1 ELSE 0 END) > 0
                            OR SUM(CASE WHEN length < ? THEN 1 ELSE 0 END) > 1)
                    ORDER BY account_id LIMIT ?""")) {
                s.setInt(1, criteria.frameHeaderBytes());
                s.setLong(2, criteria.createdBefore().toEpochMilli());
                s.setString(3, afterAccountId == null ? "" : afterAccountId);
                s.setDouble(4, criteria.liveShareBelow());
                s.setLong(5, criteria.smallPackBytes());
                s.setInt(6, limit);
                return firstColumn(s);
            }
        });
    }

    @Override
    public List<String> accountsWithVacatedPacks(Instant vacatedBefore, String afterAccountId, int limit) {
        return db.read("find accounts with vacated packs", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT DISTINCT account_id FROM packs p
                    WHERE p.vacated_at IS NOT NULL AND p.vacated_at < ? AND p.account_id > ?
                    AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.account_id = p.account_id AND o.pack_id = p.pack_id)
                    ORDER BY account_id LIMIT ?""")) {
                s.setLong(1, vacatedBefore.toEpochMilli());
                s.setString(2, afterAccountId == null ? "" : afterAccountId);
                s.setInt(3, limit);
                return firstColumn(s);
            }
        });
    }

    @Override
    public List<String> purgeVacatedPacks(String accountId, Instant vacatedBefore) {
        return db.write("purge vacated packs", c -> {
            // No row can start pointing into a vacated pack (moves and uploads only fill new
            // packs), so once it is empty it stays empty.
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM packs WHERE account_id = ? AND vacated_at IS NOT NULL AND vacated_at < ?
                    AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.account_id = packs.account_id AND o.pack_id = packs.pack_id)
                    RETURNING storage_key""")) {
                s.setString(1, accountId);
                s.setLong(2, vacatedBefore.toEpochMilli());
                return firstColumn(s);
            }
        });
    }

    /** The first column of every row, as strings. */
    private static List<String> firstColumn(PreparedStatement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    /** Reads the columns of {@link #SELECT_LOCATIONS} from the current row. */
    private static ObjectLocation location(ResultSet r) throws SQLException {
        ObjectId id = ObjectId.of(r.getBytes(1));
        long dropped = r.getLong(8);
        Instant droppedAt = r.wasNull() ? null : Instant.ofEpochMilli(dropped);
        return new ObjectLocation(id, ObjectKind.fromCode(r.getInt(2)), r.getInt(3), r.getString(4), r.getString(5),
                r.getLong(6), r.getInt(7), droppedAt);
    }

    // ---- job leases ------------------------------------------------------------------------

    @Override
    public boolean tryAcquireLease(String job, String holder, Instant now, Duration ttl) {
        return db.write("take a job lease", c -> {
            // An upsert whose update is skipped when another holder's lease is still running;
            // the write transaction (BEGIN IMMEDIATE) keeps any other writer out meanwhile.
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO job_leases (job, holder, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                        WHERE job_leases.expires_at <= ? OR job_leases.holder = excluded.holder""")) {
                s.setString(1, job);
                s.setString(2, holder);
                s.setLong(3, now.plus(ttl).toEpochMilli());
                s.setLong(4, now.toEpochMilli());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void releaseLease(String job, String holder) {
        db.write("release a job lease", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM job_leases WHERE job = ? AND holder = ?")) {
                s.setString(1, job);
                s.setString(2, holder);
                return s.executeUpdate();
            }
        });
    }

    // ---- login throttling -------------------------------------------------------------------

    @Override
    public Optional<Instant> loginBlockedUntil(String usernameKey, Instant now) {
        return db.read("check the login throttle", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT blocked_until FROM login_failures WHERE username_key = ? AND blocked_until > ?")) {
                s.setString(1, usernameKey);
                s.setLong(2, now.toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(Instant.ofEpochMilli(r.getLong(1))) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public Optional<Instant> recordLoginFailure(String usernameKey, Instant now, LoginThrottlePolicy policy) {
        return db.write("count a failed login", c -> {
            // Numbered parameters: ?1 key, ?2 now, ?3 max failures, ?4 blocked until, ?5 window expired
            // at or before. SET expressions see the row as it was.
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO login_failures (username_key, failures, window_started_at, blocked_until)
                    VALUES (?1, 1, ?2, CASE WHEN 1 >= ?3 THEN ?4 END)
                    ON CONFLICT (username_key) DO UPDATE SET
                        failures = CASE WHEN window_started_at <= ?5 THEN 1 ELSE failures + 1 END,
                        window_started_at = CASE WHEN window_started_at <= ?5 THEN ?2 ELSE window_started_at END,
                        blocked_until = CASE WHEN (CASE WHEN window_started_at <= ?5 THEN 1 ELSE failures + 1 END) >= ?3
                                             THEN ?4 ELSE blocked_until END
                    RETURNING blocked_until""")) {
                s.setString(1, usernameKey);
                s.setLong(2, now.toEpochMilli());
                s.setInt(3, policy.maxFailures());
                s.setLong(4, now.plus(policy.block()).toEpochMilli());
                s.setLong(5, now.minus(policy.window()).toEpochMilli());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    long until = r.getLong(1);
                    return !r.wasNull() && until > now.toEpochMilli() ? Optional.of(Instant.ofEpochMilli(until)) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public void clearLoginFailures(String usernameKey) {
        db.write("clear failed logins", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM login_failures WHERE username_key = ?")) {
                s.setString(1, usernameKey);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int deleteStaleLoginFailures(Instant before) {
        return db.write("delete stale failed logins", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM login_failures WHERE window_started_at < ? AND (blocked_until IS NULL OR blocked_until < ?)")) {
                s.setLong(1, before.toEpochMilli());
                s.setLong(2, before.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static List<List<ObjectId>> chunks(Collection<ObjectId> ids) {
        List<ObjectId> all = List.copyOf(ids);
        List<List<ObjectId>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_CHUNK) out.add(all.subList(i, Math.min(all.size(), i + IN_CHUNK)));
        return out;
    }

    private static String placeholders(int n) {
        return "?,".repeat(n - 1) + "?";
    }

    private static void bindAccountAndIds(PreparedStatement s, String accountId, List<ObjectId> ids) throws SQLException {
        s.setString(1, accountId);
        for (int i = 0; i < ids.size(); i++) s.setBytes(i + 2, ids.get(i).toBytes());
    }
}
