package org.chatvault.server.store.sql;

import java.util.List;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.vault.MonthKindUsage;
import org.chatvault.server.vault.Usage;
import org.jdbi.v3.core.Handle;

/** The usage figures of {@link SqlObjectIndex}: what an account holds, in total and by month and kind. */
final class SqlVaultUsage {
    private SqlVaultUsage() {}

    static Usage usage(SqlDatabase db, String accountId) {
        // One statement, so the figures come from the same snapshot.
        return db.read("compute usage", h -> h.createQuery("""
                        SELECT o.objects, o.bytes, p.packs, p.pack_bytes,
                            COALESCE((SELECT version FROM heads WHERE account_id = :account), 0)
                        FROM (SELECT count(*) AS objects, COALESCE(sum(length), 0) AS bytes FROM objects WHERE account_id = :account) o,
                            (SELECT count(*) AS packs, COALESCE(sum(length), 0) AS pack_bytes FROM packs WHERE account_id = :account
                                AND EXISTS (SELECT 1 FROM objects x WHERE x.account_id = packs.account_id AND x.pack_id = packs.pack_id)) p""")
                .bind("account", accountId)
                .map((r, ctx) -> new Usage(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5))).one());
    }

    static List<MonthKindUsage> byMonthAndKind(SqlDatabase db, String accountId) {
        return db.read("compute usage by month and kind", h -> h.createQuery("""
                        SELECT bucket, kind, count(*), COALESCE(sum(length), 0) FROM objects WHERE account_id = :account
                        GROUP BY bucket, kind ORDER BY bucket, kind""")
                .bind("account", accountId)
                .map((r, ctx) -> new MonthKindUsage(r.getInt(1), ObjectKind.fromCode(r.getInt(2)), r.getLong(3), r.getLong(4))).list());
    }

    /** The object bytes the account holds, as {@link #usage} counts them, inside the caller's transaction. */
    static long heldBytes(Handle h, String accountId) {
        return h.createQuery("SELECT COALESCE(sum(length), 0) FROM objects WHERE account_id = :account")
                .bind("account", accountId).mapTo(Long.class).one();
    }
}
