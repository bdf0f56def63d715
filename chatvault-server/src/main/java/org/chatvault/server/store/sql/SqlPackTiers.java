package org.chatvault.server.store.sql;

import java.util.Collection;
import java.util.List;
import org.chatvault.server.vault.ColdTierPolicy;
import org.chatvault.server.vault.PackTierIndex;

/** {@link PackTierIndex} over the {@code packs} table, in SQL both databases speak. */
public final class SqlPackTiers implements PackTierIndex {
    /**
     * Packs the policy puts in the cold tier and not recorded there, that hold objects and are not
     * being emptied by a move: a pack on its way to deletion is not worth a copy (the cold classes
     * bill a minimum of 30 or 90 days for it).
     */
    private static final String TO_MOVE = """
            p.bucket > 0 AND p.bucket < :firstStandard AND p.length >= :minBytes
            AND (p.storage_class IS NULL OR p.storage_class <> :storageClass) AND p.vacated_at IS NULL
            AND EXISTS (SELECT 1 FROM objects o WHERE o.account_id = p.account_id AND o.pack_id = p.pack_id AND o.dropped_at IS NULL)""";

    private final SqlDatabase db;

    public SqlPackTiers(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public int recordStorageClass(String accountId, Collection<String> packIds, String storageClass) {
        if (packIds.isEmpty()) return 0;
        return db.write("record packs' storage class", h -> h.createUpdate(
                        "UPDATE packs SET storage_class = :storageClass WHERE account_id = :account AND pack_id IN (<packs>)")
                .bind("storageClass", storageClass).bind("account", accountId).bindList("packs", List.copyOf(packIds)).execute());
    }

    @Override
    public List<String> accountsWithPacksToMove(ColdTierPolicy policy, int firstStandardBucket, String afterAccountId, int limit) {
        String id = "p.account_id" + db.byteOrder();
        return db.read("find accounts with packs to move to the cold tier", h -> h.createQuery(
                        "SELECT DISTINCT " + id + " AS account_id FROM packs p WHERE " + TO_MOVE + " AND " + id
                                + " > :after ORDER BY 1 LIMIT :limit")
                .bind("firstStandard", firstStandardBucket).bind("minBytes", policy.minPackBytes())
                .bind("storageClass", policy.storageClass())
                .bind("after", afterAccountId == null ? "" : afterAccountId).bind("limit", limit)
                .mapTo(String.class).list());
    }

    @Override
    public List<PackToMove> packsToMove(String accountId, ColdTierPolicy policy, int firstStandardBucket) {
        return db.read("find packs to move to the cold tier", h -> h.createQuery(
                        "SELECT p.pack_id, p.bucket, p.storage_key, p.length FROM packs p WHERE p.account_id = :account AND " + TO_MOVE
                                + " ORDER BY p.bucket, p.pack_id" + db.byteOrder())
                .bind("account", accountId).bind("firstStandard", firstStandardBucket).bind("minBytes", policy.minPackBytes())
                .bind("storageClass", policy.storageClass())
                .map((r, ctx) -> new PackToMove(r.getString(1), r.getInt(2), r.getString(3), r.getLong(4)))
                .list());
    }
}
