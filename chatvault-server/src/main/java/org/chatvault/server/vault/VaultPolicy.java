package org.chatvault.server.vault;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.protocol.vault.ByteSizes;
import org.chatvault.server.billing.Entitlement;
import org.chatvault.server.billing.EntitlementState;
import org.chatvault.server.billing.Plan;

/**
 * What an account's plan lets it change (issue 11 "Enforcement"): nothing during the read-only grace after a lapse,
 * no media on a text-only plan, nothing past the quota. Reads are never checked: a lapsed user must still be able to
 * restore, export and archive. The messages are for the person behind the device, so they say what happened in
 * words and what still works.
 */
public final class VaultPolicy {
    /** The kinds a text-only plan refuses: media bodies and everything that only serves them. */
    public static final Set<ObjectKind> MEDIA_KINDS =
            EnumSet.of(ObjectKind.MEDIA_CHUNK, ObjectKind.FILE_RECIPE, ObjectKind.THUMBNAIL, ObjectKind.MEDIA_INDEX);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final Entitlement UNMETERED_ENTITLEMENT = new Entitlement(
            new Plan("unmetered", "Unmetered", true, null, Long.MAX_VALUE), EntitlementState.PAID, null, null, null, null, null);

    private final Function<String, Entitlement> entitlements;

    /** @param entitlements what an account is entitled to now ({@code EntitlementService::current}) */
    public VaultPolicy(Function<String, Entitlement> entitlements) {
        this.entitlements = entitlements;
    }

    /** Every change allowed: for the server's own jobs and for tools that work on a store outside any plan. */
    public static VaultPolicy unmetered() {
        return new VaultPolicy(accountId -> UNMETERED_ENTITLEMENT);
    }

    /**
     * The account's entitlement now, if it may change its vault.
     *
     * @throws VaultRequestException.VaultReadOnly during the read-only grace after a lapse
     */
    Entitlement requireWritable(String accountId) {
        Entitlement e = entitlements.apply(accountId);
        if (e.readOnly()) {
            throw new VaultRequestException.VaultReadOnly("your subscription lapsed on " + day(e.paidUntil()) + "; the vault is read-only until "
                    + day(e.readOnlyUntil()) + "; restore, export and archive still work, and renewing lets you back up again"
                    + " (after " + day(e.cutOn()) + " it keeps what the free plan keeps)");
        }
        return e;
    }

    /** @throws VaultRequestException.PlanExcludesMedia if the plan is text-only and {@code kinds} hold a media kind */
    static void requireMediaAllowed(Entitlement e, Collection<ObjectKind> kinds) {
        if (e.mediaAllowed()) return;
        long media = kinds.stream().filter(MEDIA_KINDS::contains).count();
        if (media > 0) {
            throw new VaultRequestException.PlanExcludesMedia("your " + e.plan().name() + " plan stores text only: this upload holds "
                    + media + (media == 1 ? " media object" : " media objects") + " (photos, videos, files or their thumbnails), so nothing"
                    + " of it was stored; a plan with media backs them up");
        }
    }

    /** @throws VaultRequestException.QuotaExceeded if holding {@code adding} more bytes than {@code held} exceeds the quota */
    static void requireRoom(Entitlement e, long held, long adding) {
        if (adding > e.quotaBytes() - held) throw quotaExceeded(e, held, adding);
    }

    static VaultRequestException.QuotaExceeded quotaExceeded(Entitlement e, long held, long adding) {
        long over = adding - (e.quotaBytes() - held);
        return new VaultRequestException.QuotaExceeded("this upload needs " + ByteSizes.describe(over) + " more than your "
                + e.plan().name() + " plan's " + ByteSizes.describe(e.quotaBytes()) + ": " + ByteSizes.describe(held) + " stored, "
                + ByteSizes.describe(adding) + " to add; nothing of it was stored");
    }

    private static String day(Instant t) {
        return t == null ? "?" : DAY.format(t);
    }
}
