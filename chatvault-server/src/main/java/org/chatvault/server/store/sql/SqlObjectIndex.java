package org.chatvault.server.store.sql;

import static org.chatvault.server.store.sql.SqlDatabase.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.vault.ExpiredObjects;
import org.chatvault.server.vault.Head;
import org.chatvault.server.vault.IndexOutcome;
import org.chatvault.server.vault.IndexResult;
import org.chatvault.server.vault.MonthKindUsage;
import org.chatvault.server.vault.MovedPack;
import org.chatvault.server.vault.NewPack;
import org.chatvault.server.vault.ObjectEntry;
import org.chatvault.server.vault.ObjectLocation;
import org.chatvault.server.vault.ObjectMove;
import org.chatvault.server.vault.PackStats;
import org.chatvault.server.storage.StoreException;
import org.chatvault.server.vault.Usage;
import org.chatvault.server.vault.ObjectIndex;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link ObjectIndex} in SQL both databases speak.
 *
 * <p>Concurrency: the account's row in {@code heads}, created with the account, is its vault
 * lock. Commits, purges, moves and uploads indexed within a quota read it with the dialect's
 * {@code FOR UPDATE} (PostgreSQL: a row lock that queues every instance; SQLite: the one writer
 * connection already excludes the others) before anything else, so a purge cannot delete an object
 * between a commit's presence check and the commit clearing that object's drop mark, each emptied
 * pack goes to one purge, and two uploads of one account cannot both fit under its quota.
 * Everything else is a single statement or an insert both databases make race-free
 * ({@code ON CONFLICT}).
 */
public final class SqlObjectIndex implements ObjectIndex {
    private static final String SELECT_LOCATIONS = """
            SELECT o.object_id, o.kind, o.bucket, o.pack_id, p.storage_key, o.pack_offset, o.length, o.dropped_at
            FROM objects o JOIN packs p ON p.account_id = o.account_id AND p.pack_id = o.pack_id
            """;
    private static final RowMapper<ObjectLocation> LOCATION = (r, ctx) -> new ObjectLocation(ObjectId.of(r.getBytes(1)),
            ObjectKind.fromCode(r.getInt(2)), r.getInt(3), r.getString(4), r.getString(5), r.getLong(6), r.getInt(7), instant(r, 8, ctx));
    private static final String INSERT_PACK = """
            INSERT INTO packs (account_id, pack_id, bucket, storage_key, length, created_at)
            VALUES (:account, :pack, :bucket, :key, :length, :now)""";
    /** Object rows per INSERT: 8 parameters each, well under SQLite's and PostgreSQL's limits. */
    private static final int ROWS_PER_INSERT = 500;
    private static final String DELETE_PACK = "DELETE FROM packs WHERE account_id = :account AND pack_id = :pack";
    /** Packs with no object row left, as a condition on {@code packs}. */
    private static final String EMPTY_PACK =
            "NOT EXISTS (SELECT 1 FROM objects o WHERE o.account_id = packs.account_id AND o.pack_id = packs.pack_id)";

    private final SqlDatabase db;

    public SqlObjectIndex(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public Set<ObjectId> presentObjects(String accountId, Collection<ObjectId> ids) {
        return db.read("look up objects", h -> present(db, h, accountId, ids));
    }

    private static Set<ObjectId> present(SqlDatabase db, Handle h, String accountId, Collection<ObjectId> ids) {
        Set<ObjectId> found = new HashSet<>();
        for (List<ObjectId> chunk : db.chunks(ids)) {
            found.addAll(db.bindAll(h.createQuery("SELECT object_id FROM objects WHERE account_id = :account AND " + db.oneOf("object_id", "ids")),
                    "ids", ObjectId.class, chunk).bind("account", accountId).mapTo(ObjectId.class).list());
        }
        return found;
    }

    @Override
    public Map<ObjectId, ObjectLocation> locateObjects(String accountId, Collection<ObjectId> ids) {
        return db.read("locate objects", h -> {
            Map<ObjectId, ObjectLocation> found = new HashMap<>();
            for (List<ObjectId> chunk : db.chunks(ids)) {
                db.bindAll(h.createQuery(SELECT_LOCATIONS + "WHERE o.account_id = :account AND " + db.oneOf("o.object_id", "ids")),
                        "ids", ObjectId.class, chunk).bind("account", accountId).map(LOCATION).forEach(at -> found.put(at.id(), at));
            }
            return found;
        });
    }

    /** One object row of an upload, as {@link #indexPacks} binds it (public only so that Jdbi may call its accessors). */
    public record ObjectRow(String account, ObjectId id, int kind, int bucket, String pack, long offset, int length, Instant now) {}

    @Override
    public IndexResult indexPacks(String accountId, List<NewPack> packs, Instant now) {
        return db.write("index uploaded objects", h -> insertPacks(h, accountId, packs, now));
    }

    @Override
    public IndexOutcome indexPacksWithin(String accountId, List<NewPack> packs, Instant now, long maxBytes) {
        return db.write("index uploaded objects within the quota", h -> {
            // The vault lock queues this behind the account's other uploads (and commits, purges, moves), so the sum
            // below counts every upload that came first and none can slip past the limit beside this one.
            head(h, accountId, db.forUpdate());
            IndexResult indexed = insertPacks(h, accountId, packs, now);
            long held = SqlVaultUsage.heldBytes(h, accountId);
            if (held <= maxBytes) return new IndexOutcome.Indexed(indexed);
            h.rollback();
            return new IndexOutcome.OverLimit(held - indexed.bytes(), indexed.bytes());
        });
    }

    private static IndexResult insertPacks(Handle h, String accountId, List<NewPack> packs, Instant now) {
        PreparedBatch packRows = h.prepareBatch(INSERT_PACK);
        List<ObjectRow> rows = new ArrayList<>();
        for (NewPack p : packs) {
            packRows.bind("account", accountId).bind("pack", p.packId()).bind("bucket", p.bucket()).bind("key", p.storageKey())
                    .bind("length", p.length()).bind("now", now).add();
            for (ObjectEntry e : p.objects()) {
                rows.add(new ObjectRow(accountId, e.id(), e.kind().code(), e.bucket(), p.packId(), e.offset(), e.length(), now));
            }
        }
        if (!packs.isEmpty()) packRows.execute();
        // Rows go in in id order, so two uploads of overlapping objects lock them in the same order and cannot deadlock;
        // a few hundred per statement, so each one costs one round trip, not one per object.
        rows.sort(Comparator.comparing(ObjectRow::id));
        Set<ObjectId> inserted = new HashSet<>();
        for (List<ObjectRow> chunk : SqlDatabase.chunks(rows, ROWS_PER_INSERT)) {
            inserted.addAll(h.createQuery("""
                            INSERT INTO objects (account_id, object_id, kind, bucket, pack_id, pack_offset, length, created_at)
                            VALUES <rows> ON CONFLICT (account_id, object_id) DO NOTHING RETURNING object_id""")
                    .bindMethodsList("rows", chunk, List.of("account", "id", "kind", "bucket", "pack", "offset", "length", "now"))
                    .mapTo(ObjectId.class).list());
        }
        Set<String> used = new HashSet<>();
        int objects = 0;
        long bytes = 0;
        for (ObjectRow r : rows) {
            if (!inserted.remove(r.id())) continue; // held already, or a second copy in this upload
            used.add(r.pack());
            objects++;
            bytes += r.length();
        }
        List<String> unused = new ArrayList<>();
        for (NewPack p : packs) {
            if (used.contains(p.packId())) continue;
            h.createUpdate(DELETE_PACK).bind("account", accountId).bind("pack", p.packId()).execute();
            unused.add(p.storageKey());
        }
        return new IndexResult(objects, bytes, unused);
    }

    @Override
    public Head head(String accountId) {
        return db.read("read the vault head", h -> head(h, accountId, ""));
    }

    /** The head row read as it is, or locked; {@link Head#EMPTY} for version 0 and for no row. */
    private static Head head(Handle h, String accountId, String lock) {
        return h.createQuery("SELECT version, root, committed_at FROM heads WHERE account_id = :account" + lock)
                .bind("account", accountId)
                .map((r, ctx) -> r.getLong(1) == 0 ? Head.EMPTY : new Head(r.getLong(1), ObjectId.of(r.getBytes(2)), instant(r, 3, ctx)))
                .findOne().orElse(Head.EMPTY);
    }

    @Override
    public <T> T withLockedVault(String accountId, Function<LockedVault, T> work) {
        return db.write("change the vault", h -> work.apply(new Locked(db, h, accountId, head(h, accountId, db.forUpdate()))));
    }

    private record Locked(SqlDatabase db, Handle h, String accountId, Head head) implements LockedVault {
        @Override public Set<ObjectId> presentObjects(Collection<ObjectId> ids) {
            return present(db, h, accountId, ids);
        }

        @Override public void markDropped(Collection<ObjectId> ids, Instant at) {
            setDropMarks(ids, ":at", "dropped_at IS NULL", at);
        }

        @Override public void clearDropMarks(Collection<ObjectId> ids) {
            setDropMarks(ids, "NULL", "dropped_at IS NOT NULL", null);
        }

        private void setDropMarks(Collection<ObjectId> ids, String value, String unlessAlready, Instant at) {
            for (List<ObjectId> chunk : db.chunks(ids)) {
                Update update = db.bindAll(h.createUpdate("UPDATE objects SET dropped_at = " + value + " WHERE account_id = :account AND "
                        + db.oneOf("object_id", "ids") + " AND " + unlessAlready), "ids", ObjectId.class, chunk).bind("account", accountId);
                if (at != null) update.bind("at", at);
                update.execute();
            }
        }

        @Override public void moveHead(Head next) {
            int moved = h.createUpdate("UPDATE heads SET version = :next, root = :root, committed_at = :at WHERE account_id = :account AND version = :base")
                    .bind("next", next.version()).bind("root", next.root()).bind("at", next.committedAt()).bind("account", accountId)
                    .bind("base", head.version()).execute();
            // The row was locked when head() was read, so only a missing account gets here.
            if (moved != 1) throw new StoreException("account " + accountId + " has no vault head to move", null);
        }
    }

    @Override
    public Usage usage(String accountId) {
        return SqlVaultUsage.usage(db, accountId);
    }

    @Override
    public List<MonthKindUsage> usageByMonthAndKind(String accountId) {
        return SqlVaultUsage.byMonthAndKind(db, accountId);
    }

    @Override
    public List<String> accountsWithDroppedObjects(Instant droppedBefore, String afterAccountId, int limit) {
        return accounts("find accounts with dropped objects", "objects", "dropped_at IS NOT NULL AND dropped_at < :t",
                droppedBefore, afterAccountId, limit);
    }

    @Override
    public List<String> accountsWithPacksCreatedBefore(Instant createdBefore, String afterAccountId, int limit) {
        return accounts("find accounts with old packs", "packs", "created_at < :t", createdBefore, afterAccountId, limit);
    }

    @Override
    public List<String> accountsWithVacatedPacks(Instant vacatedBefore, String afterAccountId, int limit) {
        return accounts("find accounts with vacated packs", "packs", "vacated_at IS NOT NULL AND vacated_at < :t AND " + EMPTY_PACK,
                vacatedBefore, afterAccountId, limit);
    }

    /** A page of the accounts having a row in {@code table} matching {@code condition} on time {@code :t}. */
    private List<String> accounts(String what, String table, String condition, Instant t, String after, int limit) {
        String id = "account_id" + db.byteOrder();
        return db.read(what, h -> h.createQuery("SELECT DISTINCT " + id + " AS account_id FROM " + table + " WHERE " + condition
                        + " AND " + id + " > :after ORDER BY 1 LIMIT :limit")
                .bind("t", t).bind("after", after == null ? "" : after).bind("limit", limit).mapTo(String.class).list());
    }

    @Override
    public List<String> purgeDroppedObjects(String accountId, Instant droppedBefore, boolean dryRun) {
        return change(dryRun, "purge dropped objects", h -> {
            // Queues behind any commit of this account in flight: a commit may be re-adding one
            // of these objects, and once it has, the object is no longer dropped. It also queues
            // behind another purge of the account, which then finds nothing left to delete: this
            // lock, not the sweep's job lease (which can expire under a stalled holder), is what
            // hands each emptied pack to exactly one caller.
            head(h, accountId, db.forUpdate());
            List<String> packIds = h.createQuery(
                            "DELETE FROM objects WHERE account_id = :account AND dropped_at IS NOT NULL AND dropped_at < :t RETURNING pack_id")
                    .bind("account", accountId).bind("t", droppedBefore).mapTo(String.class).list();
            List<String> emptied = new ArrayList<>();
            for (List<String> chunk : db.chunks(new LinkedHashSet<>(packIds))) {
                emptied.addAll(db.bindAll(h.createQuery("DELETE FROM packs WHERE account_id = :account AND " + db.oneOf("pack_id", "packs")
                                + " AND (vacated_at IS NULL OR vacated_at < :t) AND " + EMPTY_PACK + " RETURNING storage_key"), "packs", String.class, chunk)
                        .bind("account", accountId).bind("t", droppedBefore).mapTo(String.class).list());
            }
            return emptied;
        });
    }

    @Override
    public List<String> purgeVacatedPacks(String accountId, Instant vacatedBefore, boolean dryRun) {
        return change(dryRun, "purge vacated packs", h -> {
            // No row can start pointing into a vacated pack (moves and uploads only fill new
            // packs), so an empty one stays empty; the lock makes concurrent purges of the
            // account take turns, so DELETE … RETURNING hands each pack to one of them.
            head(h, accountId, db.forUpdate());
            return h.createQuery("DELETE FROM packs WHERE account_id = :account AND vacated_at IS NOT NULL AND vacated_at < :t AND "
                            + EMPTY_PACK + " RETURNING storage_key")
                    .bind("account", accountId).bind("t", vacatedBefore).mapTo(String.class).list();
        });
    }

    private <T> T change(boolean dryRun, String what, SqlDatabase.Work<T> work) {
        return dryRun ? db.rehearse(what, work) : db.write(what, work);
    }

    @Override
    public Set<ObjectId> relocateObjects(String accountId, MovedPack pack, Instant now) {
        return db.write("move objects into a new pack", h -> {
            // Serialised with commits and purges of the account; the per-row checks below then
            // see every purge that came first, so a purged object is never re-pointed (nor re-created).
            head(h, accountId, db.forUpdate());
            h.createUpdate(INSERT_PACK).bind("account", accountId).bind("pack", pack.packId()).bind("bucket", pack.bucket())
                    .bind("key", pack.storageKey()).bind("length", pack.length()).bind("now", now).execute();
            PreparedBatch moves = h.prepareBatch("""
                    UPDATE objects SET pack_id = :to, pack_offset = :toOffset, bucket = :bucket
                    WHERE account_id = :account AND object_id = :id AND pack_id = :from AND pack_offset = :fromOffset""");
            for (ObjectMove m : pack.moves()) {
                moves.bind("to", pack.packId()).bind("toOffset", m.toOffset()).bind("bucket", pack.bucket()).bind("account", accountId)
                        .bind("id", m.id()).bind("from", m.fromPackId()).bind("fromOffset", m.fromOffset()).add();
            }
            int[] applied = pack.moves().isEmpty() ? new int[0] : moves.execute();
            Set<ObjectId> moved = new LinkedHashSet<>();
            Set<String> vacated = new LinkedHashSet<>();
            for (int i = 0; i < applied.length; i++) {
                if (applied[i] != 1) continue;
                moved.add(pack.moves().get(i).id());
                vacated.add(pack.moves().get(i).fromPackId());
            }
            if (moved.isEmpty()) h.createUpdate(DELETE_PACK).bind("account", accountId).bind("pack", pack.packId()).execute();
            for (List<String> chunk : db.chunks(vacated)) {
                db.bindAll(h.createUpdate("UPDATE packs SET vacated_at = :now WHERE account_id = :account AND " + db.oneOf("pack_id", "packs")),
                        "packs", String.class, chunk).bind("now", now).bind("account", accountId).execute();
            }
            return moved;
        });
    }

    @Override
    public List<ObjectLocation> liveObjectsInPacks(String accountId, Collection<String> packIds) {
        return db.snapshot("list live objects of packs", h -> {
            List<ObjectLocation> out = new ArrayList<>();
            for (String packId : new LinkedHashSet<>(packIds)) {
                out.addAll(h.createQuery(SELECT_LOCATIONS
                                + "WHERE o.account_id = :account AND o.pack_id = :pack AND o.dropped_at IS NULL ORDER BY o.pack_offset")
                        .bind("account", accountId).bind("pack", packId).map(LOCATION).list());
            }
            return out;
        });
    }

    @Override
    public void forEachObjectNotDroppedAt(String accountId, Instant cutoff, Consumer<ObjectLocation> sink) {
        // One statement in a transaction: PostgreSQL then streams it through a cursor in pages of the fetch size.
        db.snapshot("list the objects of an archive", h -> {
            h.createQuery(SELECT_LOCATIONS + "WHERE o.account_id = :account AND (o.dropped_at IS NULL OR o.dropped_at > :cutoff) "
                            + "ORDER BY p.bucket, p.created_at, p.pack_id" + db.byteOrder() + ", o.pack_offset")
                    .bind("account", accountId).bind("cutoff", cutoff).setFetchSize(1_000).map(LOCATION).forEach(sink);
            return null;
        });
    }

    @Override
    public List<PackStats> packStats(String accountId) {
        return db.read("measure packs", h -> h.createQuery("""
                        SELECT p.pack_id, p.bucket, p.storage_key, p.length, p.created_at, p.vacated_at,
                            count(o.object_id), COALESCE(sum(o.length), 0)
                        FROM packs p LEFT JOIN objects o
                            ON o.account_id = p.account_id AND o.pack_id = p.pack_id AND o.dropped_at IS NULL
                        WHERE p.account_id = :account
                        GROUP BY p.pack_id, p.bucket, p.storage_key, p.length, p.created_at, p.vacated_at
                        ORDER BY p.bucket, p.created_at, p.pack_id""" + db.byteOrder())
                .bind("account", accountId)
                .map((r, ctx) -> new PackStats(r.getString(1), r.getInt(2), r.getString(3), r.getLong(4), instant(r, 5, ctx),
                        instant(r, 6, ctx), r.getLong(7), r.getLong(8)))
                .list());
    }

    private static final String EXPIRED = " FROM objects WHERE account_id = :account AND bucket > 0 AND bucket < :kept AND dropped_at IS NULL";

    private static ExpiredObjects countExpired(Handle h, String accountId, int keptFrom) {
        return h.createQuery("SELECT count(*), COALESCE(sum(length), 0)" + EXPIRED).bind("account", accountId).bind("kept", keptFrom)
                .map((r, ctx) -> new ExpiredObjects(r.getLong(1), r.getLong(2))).one();
    }

    @Override
    public ExpiredObjects expireBuckets(String accountId, int keptFrom, Instant at, boolean dryRun) {
        // Most accounts have nothing to expire on most runs: a read finds that out without queueing for the writer.
        ExpiredObjects due = db.read("count expired objects", h -> countExpired(h, accountId, keptFrom));
        if (dryRun || due.objects() == 0) return due;
        return expireBuckets(Map.of(accountId, keptFrom), at).getOrDefault(accountId, ExpiredObjects.NONE);
    }

    @Override
    public Map<String, ExpiredObjects> expireBuckets(Map<String, Integer> keptFromByAccount, Instant at) {
        return db.write("expire old months", h -> {
            Map<String, ExpiredObjects> marked = new java.util.TreeMap<>();
            // In id order, so two runs lock the accounts' heads in the same order and cannot deadlock.
            for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(keptFromByAccount).entrySet()) {
                head(h, e.getKey(), db.forUpdate()); // queues behind commits, which may clear drop marks
                ExpiredObjects due = countExpired(h, e.getKey(), e.getValue());
                if (due.objects() == 0) continue; // marked by a concurrent run
                h.createUpdate("UPDATE objects SET dropped_at = :at" + EXPIRED.substring(EXPIRED.indexOf(" WHERE"))).bind("at", at)
                        .bind("account", e.getKey()).bind("kept", e.getValue()).execute();
                marked.put(e.getKey(), due);
            }
            return marked;
        });
    }
}
