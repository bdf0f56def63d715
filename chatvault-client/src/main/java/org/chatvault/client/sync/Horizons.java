package org.chatvault.client.sync;

import org.chatvault.client.local.SyncState;
import org.chatvault.core.format.Months;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.core.format.RootManifest;
import org.chatvault.protocol.vault.VaultHead;

/**
 * What this device knows of the vault's retention horizon (docs/FORMAT.md §8.1): the greater of
 * every root's horizon it has read and every {@code keptFrom} the server announced in a head. It
 * only moves up. Backup uploads nothing below it, and restore and verify report what lies below it
 * as expired under the plan; {@link #committed} is the horizon of the root the store is in step
 * with, so a backup knows when a new root must record a higher one.
 */
public final class Horizons {
    private static final String KEPT_FROM = "horizon.keptFrom";
    private static final String LEARNT_AT = "horizon.learntAt";
    /** Under "head.": forgotten with the head it belongs to ({@link SyncState#forgetVault}). */
    private static final String COMMITTED = "head.horizon";

    private Horizons() {}

    /** The horizon this device knows; {@link RetentionHorizon#NONE} when nothing expired. */
    public static RetentionHorizon known(SyncState sync) {
        String k = sync.meta(KEPT_FROM), at = sync.meta(LEARNT_AT);
        return k == null ? RetentionHorizon.NONE : new RetentionHorizon(Integer.parseInt(k), at == null ? 0 : Long.parseLong(at));
    }

    /** Takes in the horizon a root records. */
    public static RetentionHorizon learn(SyncState sync, RootManifest root) {
        RetentionHorizon prev = known(sync);
        return save(sync, prev, prev.merge(root.horizon()));
    }

    /** Takes in the horizon {@code root} records, then the head's announcement (as the two methods above). */
    public static RetentionHorizon learn(SyncState sync, RootManifest root, VaultHead head, long now) {
        learn(sync, root);
        return learn(sync, head, now);
    }

    /**
     * Takes in the first month the server's plan keeps, as a head answered it at {@code now} (epoch ms).
     *
     * @throws StaleVaultException if the month is not a month, or lies after this device's current
     *         month: no plan expires the present, and since a horizon never moves down, taking in a
     *         wrong one would hide history for good. Nothing is changed.
     */
    public static RetentionHorizon learn(SyncState sync, VaultHead head, long now) {
        int announced = head.keptFromMonth();
        if (announced != 0 && (!Months.isValid(announced) || announced > Months.of(now)))
            throw new StaleVaultException("the server says history before " + announced + " (yyyymm) expired under your plan, which is "
                    + "not a past month on this device's clock (" + Months.of(now) + "): the server's clock or answer is wrong. "
                    + "Nothing was changed; try again later, or ask the operator");
        RetentionHorizon prev = known(sync);
        return save(sync, prev, prev.advancedTo(announced, now));
    }

    /**
     * The month below which nothing is fetched or expected, before a root is read: what this
     * device knows, or the head's announcement if that is later (learnt properly by whoever writes).
     */
    static int expiredBelow(SyncState sync, VaultHead head) {
        return Math.max(known(sync).keptFrom(), head.keptFromMonth());
    }

    /** The month the root at the recorded head keeps from (0: it records no horizon). */
    public static int committed(SyncState sync) {
        String v = sync.meta(COMMITTED);
        return v == null ? 0 : Integer.parseInt(v);
    }

    /** Records the horizon of the root this store is now in step with. */
    public static void recordCommitted(SyncState sync, RetentionHorizon horizon) {
        sync.setMeta(COMMITTED, Integer.toString(horizon.keptFrom()));
    }

    /** Stores {@code h} unless it is {@code prev}, the horizon read just before. */
    private static RetentionHorizon save(SyncState sync, RetentionHorizon prev, RetentionHorizon h) {
        if (h.equals(prev)) return h;
        sync.setMeta(KEPT_FROM, Integer.toString(h.keptFrom()));
        sync.setMeta(LEARNT_AT, Long.toString(h.learntAt()));
        return h;
    }
}
