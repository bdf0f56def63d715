package org.chatvault.server.store.postgres;

import static org.chatvault.server.store.postgres.PgValues.idArray;
import static org.chatvault.server.store.postgres.PgValues.instant;
import static org.chatvault.server.store.postgres.PgValues.timestamp;

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

/**
 * {@link MetadataStore} on PostgreSQL, for several server instances sharing one database.
 *
 * <p>Concurrency: the account's row in {@code heads} is its vault lock. {@link #commit} takes it
 * with {@code SELECT … FOR UPDATE} before comparing versions, so concurrent commits from any
 * instance queue on it and exactly one moves the head from a given version; purging dropped
 * objects takes it too, so a purge cannot delete an object between a commit's presence check
 * and the commit clearing that object's drop mark. Everything else is a single statement or an
 * insert PostgreSQL already makes race-free ({@code ON CONFLICT}).
 */
public final class PostgresMetadataStore implements MetadataStore {
    /** Selects what {@link #location} reads; a WHERE clause follows. */
    private static final String SELECT_LOCATIONS = """
            SELECT o.object_id, o.kind, o.bucket, o.pack_id, p.storage_key, o.pack_offset, o.length, o.dropped_at
            FROM objects o JOIN packs p ON p.account_id = o.account_id AND p.pack_id = o.pack_id
            """;

    private final PostgresDatabase db;

    private PostgresMetadataStore(PostgresDatabase db) {
        this.db = db;
    }

    /**
     * Connects, creating the schema and migrating it if needed.
     *
     * @throws org.chatvault.server.store.StoreException if the database is unreachable, refuses the login, or cannot be migrated
     */
    public static PostgresMetadataStore open(PostgresSettings settings) {
        return new PostgresMetadataStore(new PostgresDatabase(settings));
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
                s.setObject(9, timestamp(a.createdAt()));
                if (s.executeUpdate() == 0) return false;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO heads (account_id, version) VALUES (?, 0)")) {
                s.setString(1, a.accountId());
                s.executeUpdate();
            }
            return true;
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
                    return Optional.of(new AccountRecord(r.getString(1), r.getString(2), r.getString(3), h, instant(r, 9)));
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
                "INSERT INTO tokens (account_id, token_hash, session_id, kind, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            for (TokenRecord t : tokens) {
                s.setString(1, t.accountId());
                s.setBytes(2, t.tokenHash());
                s.setString(3, t.sessionId());
                s.setString(4, t.kind().name().toLowerCase(Locale.ROOT));
                s.setObject(5, timestamp(t.expiresAt()));
                s.addBatch();
            }
            s.executeBatch();
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
                            TokenKind.valueOf(r.getString(3).toUpperCase(Locale.ROOT)), instant(r, 4)));
                }
            }
        });
    }

    @Override
    public boolean replaceToken(byte[] oldTokenHash, List<TokenRecord> newTokens) {
        return db.write("rotate a token", c -> {
            // A concurrent rotation of the same token blocks on this row and, once the first
            // commits, deletes nothing: exactly one refresh wins.
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
                s.setObject(2, timestamp(now));
                return s.executeUpdate();
            }
        });
    }

    // ---- key slots -------------------------------------------------------------------------

    @Override
    public List<KeySlotRecord> listKeySlots(String accountId) {
        return db.read("list key slots", c -> {
            // COLLATE "C": the same byte order as SQLite, whatever the database's locale.
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT slot_id, kind, blob, updated_at FROM key_slots WHERE account_id = ? ORDER BY slot_id COLLATE \"C\"")) {
                s.setString(1, accountId);
                List<KeySlotRecord> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(new KeySlotRecord(r.getString(1), r.getString(2), r.getBytes(3), instant(r, 4)));
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
                s.setObject(5, timestamp(slot.updatedAt()));
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
        if (ids.isEmpty()) return new HashSet<>();
        return db.read("look up objects", c -> present(c, accountId, ids));
    }

    private static Set<ObjectId> present(Connection c, String accountId, Collection<ObjectId> ids) throws SQLException {
        Set<ObjectId> found = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT object_id FROM objects WHERE account_id = ? AND object_id = ANY (?)")) {
            s.setString(1, accountId);
            s.setArray(2, idArray(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) found.add(ObjectId.of(r.getBytes(1)));
            }
        }
        return found;
    }

    @Override
    public Map<ObjectId, ObjectLocation> locateObjects(String accountId, Collection<ObjectId> ids) {
        if (ids.isEmpty()) return new HashMap<>();
        return db.read("locate objects", c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT_LOCATIONS + """
                    WHERE o.account_id = ? AND o.object_id = ANY (?)""")) {
                s.setString(1, accountId);
                s.setArray(2, idArray(c, ids));
                Map<ObjectId, ObjectLocation> found = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ObjectLocation at = location(r);
                        found.put(at.id(), at);
                    }
                }
                return found;
            }
        });
    }

    @Override
    public IndexResult indexPacks(String accountId, List<NewPack> packs, Instant now) {
        return db.write("index uploaded objects", c -> {
            insertPacks(c, accountId, packs, now);
            Map<String, Integer> newPerPack = new HashMap<>();
            long bytes = 0;
            int objects = 0;
            try (PreparedStatement s = insertObjects(c, accountId, packs, now); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    newPerPack.merge(r.getString(1), 1, Integer::sum);
                    bytes += r.getInt(2);
                    objects++;
                }
            }
            List<String> unused = new ArrayList<>();
            try (PreparedStatement drop = c.prepareStatement("DELETE FROM packs WHERE account_id = ? AND pack_id = ?")) {
                for (NewPack p : packs) {
                    if (newPerPack.containsKey(p.packId())) continue;
                    drop.setString(1, accountId);
                    drop.setString(2, p.packId());
                    drop.executeUpdate();
                    unused.add(p.storageKey());
                }
            }
            return new IndexResult(objects, bytes, unused);
        });
    }

    private static void insertPacks(Connection c, String accountId, List<NewPack> packs, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO packs (account_id, pack_id, bucket, storage_key, length, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (NewPack p : packs) {
                s.setString(1, accountId);
                s.setString(2, p.packId());
                s.setInt(3, p.bucket());
                s.setString(4, p.storageKey());
                s.setLong(5, p.length());
                s.setObject(6, timestamp(now));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * One statement inserting every object of every pack, returning the pack and length of each
     * one actually inserted; objects the account already holds are skipped. Rows go in in id
     * order, so two uploads of overlapping objects lock them in the same order and cannot deadlock.
     */
    private static PreparedStatement insertObjects(Connection c, String accountId, List<NewPack> packs, Instant now) throws SQLException {
        int n = packs.stream().mapToInt(p -> p.objects().size()).sum();
        byte[][] ids = new byte[n][];
        Integer[] kinds = new Integer[n];
        Integer[] buckets = new Integer[n];
        String[] packIds = new String[n];
        Long[] offsets = new Long[n];
        Integer[] lengths = new Integer[n];
        int i = 0;
        for (NewPack p : packs) {
            for (ObjectEntry e : p.objects()) {
                ids[i] = e.id().toBytes();
                kinds[i] = e.kind().code();
                buckets[i] = e.bucket();
                packIds[i] = p.packId();
                offsets[i] = e.offset();
                lengths[i] = e.length();
                i++;
            }
        }
        PreparedStatement s = c.prepareStatement("""
                INSERT INTO objects (account_id, object_id, kind, bucket, pack_id, pack_offset, length, created_at)
                SELECT ?, o.object_id, o.kind, o.bucket, o.pack_id, o.pack_offset, o.length, ?
                FROM unnest(?::bytea[], ?::integer[], ?::integer[], ?::text[], ?::bigint[], ?::integer[])
                    AS o (object_id, kind, bucket, pack_id, pack_offset, length)
                ORDER BY o.object_id
                ON CONFLICT (account_id, object_id) DO NOTHING
                RETURNING pack_id, length""");
        try {
            s.setString(1, accountId);
            s.setObject(2, timestamp(now));
            s.setArray(3, c.createArrayOf("bytea", ids));
            s.setArray(4, c.createArrayOf("integer", kinds));
            s.setArray(5, c.createArrayOf("integer", buckets));
            s.setArray(6, c.createArrayOf("text", packIds));
            s.setArray(7, c.createArrayOf("bigint", offsets));
            s.setArray(8, c.createArrayOf("integer", lengths));
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    // ---- vault head ------------------------------------------------------------------------

    @Override
    public Head head(String accountId) {
        return db.read("read the vault head", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version, root, committed_at FROM heads WHERE account_id = ?")) {
                s.setString(1, accountId);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || r.getLong(1) == 0) return Head.EMPTY;
                    return new Head(r.getLong(1), ObjectId.of(r.getBytes(2)), instant(r, 3));
                }
            }
        });
    }

    /**
     * Locks the account's head row until the transaction ends and returns its version, or null
     * if the account does not exist (it has a head row from the moment it is created).
     */
    private static Long lockHead(Connection c, String accountId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM heads WHERE account_id = ? FOR UPDATE")) {
            s.setString(1, accountId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : null;
            }
        }
    }

    @Override
    public CommitOutcome commit(String accountId, HeadChange change) {
        return db.write("commit", c -> {
            Long locked = lockHead(c, accountId);
            long current = locked == null ? 0 : locked;
            if (current != change.baseVersion()) return new CommitOutcome.Conflict(current);
            Set<ObjectId> referenced = new LinkedHashSet<>(change.added());
            referenced.add(change.root());
            int missing = referenced.size() - present(c, accountId, referenced).size();
            if (missing > 0) return new CommitOutcome.Missing(missing);
            // Holding objects means the account exists, and with it its head row.
            if (locked == null) throw new SQLException("account " + accountId + " holds objects but has no head row");
            Set<ObjectId> dropped = new LinkedHashSet<>(change.dropped());
            dropped.removeAll(referenced);
            markDropped(c, accountId, dropped, change.committedAt());
            clearDropMarks(c, accountId, referenced);
            long next = change.baseVersion() + 1;
            try (PreparedStatement s = c.prepareStatement("UPDATE heads SET version = ?, root = ?, committed_at = ? WHERE account_id = ?")) {
                s.setLong(1, next);
                s.setBytes(2, change.root().toBytes());
                s.setObject(3, timestamp(change.committedAt()));
                s.setString(4, accountId);
                s.executeUpdate();
            }
            return new CommitOutcome.Committed(next);
        });
    }

    private static void markDropped(Connection c, String accountId, Set<ObjectId> ids, Instant at) throws SQLException {
        if (ids.isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE objects SET dropped_at = ? WHERE account_id = ? AND object_id = ANY (?) AND dropped_at IS NULL")) {
            s.setObject(1, timestamp(at));
            s.setString(2, accountId);
            s.setArray(3, idArray(c, ids));
            s.executeUpdate();
        }
    }

    private static void clearDropMarks(Connection c, String accountId, Set<ObjectId> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE objects SET dropped_at = NULL WHERE account_id = ? AND object_id = ANY (?) AND dropped_at IS NOT NULL")) {
            s.setString(1, accountId);
            s.setArray(2, idArray(c, ids));
            s.executeUpdate();
        }
    }

    @Override
    public Usage usage(String accountId) {
        return db.read("compute usage", c -> {
            // One statement, so the four figures come from the same snapshot.
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT o.objects, o.bytes, p.packs, p.pack_bytes,
                        COALESCE((SELECT version FROM heads WHERE account_id = ?), 0)
                    FROM (SELECT count(*) AS objects, COALESCE(sum(length), 0) AS bytes FROM objects WHERE account_id = ?) o,
                        (SELECT count(*) AS packs, COALESCE(sum(length), 0) AS pack_bytes FROM packs p WHERE p.account_id = ?
                            AND EXISTS (SELECT 1 FROM objects x WHERE x.account_id = p.account_id AND x.pack_id = p.pack_id)) p""")) {
                s.setString(1, accountId);
                s.setString(2, accountId);
                s.setString(3, accountId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return new Usage(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5));
                }
            }
        });
    }

    // ---- deleting dropped objects ----------------------------------------------------------

    @Override
    public List<String> accountsWithDroppedObjects(Instant droppedBefore, String afterAccountId, int limit) {
        return db.read("find accounts with dropped objects", c -> {
            // COLLATE "C": plain byte order, so paging agrees with SQLite whatever the locale.
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT DISTINCT account_id COLLATE "C" AS account_id FROM objects
                    WHERE dropped_at IS NOT NULL AND dropped_at < ? AND account_id COLLATE "C" > ?
                    ORDER BY 1 LIMIT ?""")) {
                s.setObject(1, timestamp(droppedBefore));
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
            // Queues behind any commit of this account in flight: a commit may be re-adding one
            // of these objects, and once it has, the object is no longer dropped. It also queues
            // behind another purge of the account, which then finds nothing left to delete: this
            // lock, not the sweeper's job lease (which can expire under a stalled holder), is what
            // hands each emptied pack to exactly one caller.
            if (lockHead(c, accountId) == null) return List.of();
            List<String> packIds = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM objects WHERE account_id = ? AND dropped_at IS NOT NULL AND dropped_at < ?
                    RETURNING pack_id""")) {
                s.setString(1, accountId);
                s.setObject(2, timestamp(droppedBefore));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) packIds.add(r.getString(1));
                }
            }
            if (packIds.isEmpty()) return List.of();
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM packs p WHERE p.account_id = ? AND p.pack_id = ANY (?)
                    AND (p.vacated_at IS NULL OR p.vacated_at < ?)
                    AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.account_id = p.account_id AND o.pack_id = p.pack_id)
                    RETURNING p.storage_key""")) {
                s.setString(1, accountId);
                s.setArray(2, c.createArrayOf("text", packIds.stream().distinct().toArray()));
                s.setObject(3, timestamp(droppedBefore));
                List<String> emptied = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) emptied.add(r.getString(1));
                }
                return emptied;
            }
        });
    }

    // ---- moving objects between packs (repack, relabel) -------------------------------------

    @Override
    public Set<ObjectId> relocateObjects(String accountId, MovedPack pack, Instant now) {
        return db.write("move objects into a new pack", c -> {
            // Serialised with commits and purges of the account; the per-row checks below then
            // see every purge that came first, so a purged object is never re-pointed (nor re-created).
            if (lockHead(c, accountId) == null) return new LinkedHashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO packs (account_id, pack_id, bucket, storage_key, length, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, accountId);
                s.setString(2, pack.packId());
                s.setInt(3, pack.bucket());
                s.setString(4, pack.storageKey());
                s.setLong(5, pack.length());
                s.setObject(6, timestamp(now));
                s.executeUpdate();
            }
            Set<ObjectId> moved = new LinkedHashSet<>();
            Set<String> vacated = new LinkedHashSet<>();
            try (PreparedStatement s = moveStatement(c, accountId, pack); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    moved.add(ObjectId.of(r.getBytes(1)));
                    vacated.add(r.getString(2));
                }
            }
            try (PreparedStatement s = c.prepareStatement(moved.isEmpty()
                    ? "DELETE FROM packs WHERE account_id = ? AND pack_id = ?"
                    : "UPDATE packs SET vacated_at = ? WHERE account_id = ? AND pack_id = ANY (?)")) {
                if (moved.isEmpty()) {
                    s.setString(1, accountId);
                    s.setString(2, pack.packId());
                } else {
                    s.setObject(1, timestamp(now));
                    s.setString(2, accountId);
                    s.setArray(3, c.createArrayOf("text", vacated.toArray()));
                }
                s.executeUpdate();
            }
            return moved;
        });
    }

    /** One statement re-pointing every row still at its old location; returns each moved id and the pack it left. */
    private static PreparedStatement moveStatement(Connection c, String accountId, MovedPack pack) throws SQLException {
        int n = pack.moves().size();
        byte[][] ids = new byte[n][];
        String[] fromPacks = new String[n];
        Long[] fromOffsets = new Long[n];
        Long[] toOffsets = new Long[n];
        for (int i = 0; i < n; i++) {
            ObjectMove m = pack.moves().get(i);
            ids[i] = m.id().toBytes();
            fromPacks[i] = m.fromPackId();
            fromOffsets[i] = m.fromOffset();
            toOffsets[i] = m.toOffset();
        }
        PreparedStatement s = c.prepareStatement("""
                UPDATE objects o SET pack_id = ?, pack_offset = m.to_offset, bucket = ?
                FROM unnest(?::bytea[], ?::text[], ?::bigint[], ?::bigint[]) AS m (object_id, from_pack, from_offset, to_offset)
                WHERE o.account_id = ? AND o.object_id = m.object_id AND o.pack_id = m.from_pack AND o.pack_offset = m.from_offset
                RETURNING o.object_id, m.from_pack""");
        try {
            s.setString(1, pack.packId());
            s.setInt(2, pack.bucket());
            s.setArray(3, c.createArrayOf("bytea", ids));
            s.setArray(4, c.createArrayOf("text", fromPacks));
            s.setArray(5, c.createArrayOf("bigint", fromOffsets));
            s.setArray(6, c.createArrayOf("bigint", toOffsets));
            s.setString(7, accountId);
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public List<ObjectLocation> liveObjectsInPacks(String accountId, Collection<String> packIds) {
        if (packIds.isEmpty()) return new ArrayList<>();
        return db.read("list live objects of packs", c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT_LOCATIONS + """
                    WHERE o.account_id = ? AND o.pack_id = ANY (?) AND o.dropped_at IS NULL
                    ORDER BY o.pack_id, o.pack_offset""")) {
                s.setString(1, accountId);
                s.setArray(2, c.createArrayOf("text", packIds.stream().distinct().toArray()));
                List<ObjectLocation> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(location(r));
                }
                return out;
            }
        });
    }

    @Override
    public List<PackStats> packStats(String accountId) {
        return db.read("measure packs", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT p.pack_id, p.bucket, p.storage_key, p.length, p.created_at, p.vacated_at,
                        count(o.object_id), COALESCE(sum(o.length), 0)
                    FROM packs p LEFT JOIN objects o
                        ON o.account_id = p.account_id AND o.pack_id = p.pack_id AND o.dropped_at IS NULL
                    WHERE p.account_id = ?
                    GROUP BY p.pack_id, p.bucket, p.storage_key, p.length, p.created_at, p.vacated_at
                    ORDER BY p.bucket, p.created_at, p.pack_id COLLATE "C\"""")) {
                s.setString(1, accountId);
                List<PackStats> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new PackStats(r.getString(1), r.getInt(2), r.getString(3), r.getLong(4), instant(r, 5), instant(r, 6),
                                r.getLong(7), r.getLong(8)));
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
                    SELECT DISTINCT account_id COLLATE "C" AS account_id FROM (
                        SELECT account_id, bucket FROM (
                            SELECT p.account_id, p.bucket, p.length, sum(o.length) + ? * count(*) AS live_bytes
                            FROM packs p JOIN objects o
                                ON o.account_id = p.account_id AND o.pack_id = p.pack_id AND o.dropped_at IS NULL
                            WHERE p.created_at < ? AND p.account_id COLLATE "C" > ?
                            GROUP BY p.account_id, p.pack_id, p.bucket, p.length) AS live
                        GROUP BY account_id, bucket
                        HAVING count(*) FILTER (WHERE live_bytes < length * ?) > 0
                            OR count(*) FILTER (WHERE length < ?) > 1) AS buckets
                    ORDER BY 1 LIMIT ?""")) {
                s.setInt(1, criteria.frameHeaderBytes());
                s.setObject(2, timestamp(criteria.createdBefore()));
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
                    SELECT DISTINCT p.account_id COLLATE "C" AS account_id FROM packs p
                    WHERE p.vacated_at IS NOT NULL AND p.vacated_at < ? AND p.account_id COLLATE "C" > ?
                    AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.account_id = p.account_id AND o.pack_id = p.pack_id)
                    ORDER BY 1 LIMIT ?""")) {
                s.setObject(1, timestamp(vacatedBefore));
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
            // packs), so an empty one stays empty; the lock makes concurrent purges of the
            // account take turns, so DELETE … RETURNING hands each pack to one of them.
            if (lockHead(c, accountId) == null) return List.of();
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM packs p WHERE p.account_id = ? AND p.vacated_at IS NOT NULL AND p.vacated_at < ?
                    AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.account_id = p.account_id AND o.pack_id = p.pack_id)
                    RETURNING p.storage_key""")) {
                s.setString(1, accountId);
                s.setObject(2, timestamp(vacatedBefore));
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
        return new ObjectLocation(ObjectId.of(r.getBytes(1)), ObjectKind.fromCode(r.getInt(2)), r.getInt(3), r.getString(4),
                r.getString(5), r.getLong(6), r.getInt(7), instant(r, 8));
    }

    // ---- job leases ------------------------------------------------------------------------

    @Override
    public boolean tryAcquireLease(String job, String holder, Instant now, Duration ttl) {
        return db.write("take a job lease", c -> {
            // One statement: the conflicting row is locked before the WHERE is checked, so of two
            // instances racing for a free or expired lease exactly one gets a row back.
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO job_leases AS l (job, holder, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                        WHERE l.expires_at <= ? OR l.holder = excluded.holder
                    RETURNING l.holder""")) {
                s.setString(1, job);
                s.setString(2, holder);
                s.setObject(3, timestamp(now.plus(ttl)));
                s.setObject(4, timestamp(now));
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
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
                s.setObject(2, timestamp(now));
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(instant(r, 1)) : Optional.<Instant>empty();
                }
            }
        });
    }

    @Override
    public Optional<Instant> recordLoginFailure(String usernameKey, Instant now, LoginThrottlePolicy policy) {
        return db.write("count a failed login", c -> {
            // One statement: concurrent failures on several instances queue on the row lock and
            // each sees the count the one before it left. SET expressions see the old row.
            try (PreparedStatement s = c.prepareStatement("""
                    WITH p AS (SELECT ?::text AS key, ?::timestamptz AS now, ?::integer AS max,
                                      ?::timestamptz AS until, ?::timestamptz AS expired)
                    INSERT INTO login_failures AS f (username_key, failures, window_started_at, blocked_until)
                    SELECT p.key, 1, p.now, CASE WHEN 1 >= p.max THEN p.until END FROM p
                    ON CONFLICT (username_key) DO UPDATE SET
                        failures = CASE WHEN f.window_started_at <= (SELECT expired FROM p) THEN 1 ELSE f.failures + 1 END,
                        window_started_at = CASE WHEN f.window_started_at <= (SELECT expired FROM p)
                                                 THEN (SELECT now FROM p) ELSE f.window_started_at END,
                        blocked_until = CASE WHEN (CASE WHEN f.window_started_at <= (SELECT expired FROM p) THEN 1
                                                        ELSE f.failures + 1 END) >= (SELECT max FROM p)
                                             THEN (SELECT until FROM p) ELSE f.blocked_until END
                    RETURNING f.blocked_until""")) {
                s.setString(1, usernameKey);
                s.setObject(2, timestamp(now));
                s.setInt(3, policy.maxFailures());
                s.setObject(4, timestamp(now.plus(policy.block())));
                s.setObject(5, timestamp(now.minus(policy.window())));
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    Instant until = instant(r, 1);
                    return until != null && until.isAfter(now) ? Optional.of(until) : Optional.<Instant>empty();
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
                s.setObject(1, timestamp(before));
                s.setObject(2, timestamp(before));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
