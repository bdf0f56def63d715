package org.chatvault.server.account;

import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditLog;

/** An account's key slots: opaque blobs wrapping its master key (docs/FORMAT.md §5). */
public final class KeySlotService {
    static final int MAX_BLOB_BYTES = 4096;
    /** One per device plus recovery and passphrase; far above any real need, low enough to stop abuse. */
    static final int MAX_SLOTS = 100;
    private static final Pattern SLOT_ID = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Set<String> KINDS = Set.of("recovery", "passphrase", "device");

    private final AccountStore store;
    private final Clock clock;
    private final AuditLog audit;

    public KeySlotService(AccountStore store, Clock clock, AuditLog audit) {
        this.store = store;
        this.clock = clock;
        this.audit = audit;
    }

    public List<KeySlot> list(Principal p) {
        return store.listKeySlots(p.accountId()).stream().map(r -> new KeySlot(r.slotId(), r.kind(), r.blob())).toList();
    }

    /**
     * Creates or replaces a slot; a replaced one is retired like a deleted one.
     *
     * @throws AccountException.InvalidKeySlot {@code bad_request} for a bad id, kind or blob
     * @throws AccountException.LastRecoverySlot {@code last_recovery_slot} if it would replace the only recovery slot with another kind
     */
    public void put(Principal p, String slotId, String kind, String blobB64) {
        requireSlotId(slotId);
        if (kind == null || !KINDS.contains(kind))
            throw new AccountException.InvalidKeySlot("kind must be one of recovery, passphrase, device");
        byte[] blob;
        try {
            blob = blobB64 == null ? null : Base64.getDecoder().decode(blobB64);
        } catch (IllegalArgumentException e) {
            blob = null;
        }
        if (blob == null || blob.length == 0) throw new AccountException.InvalidKeySlot("blob must be non-empty base64");
        if (blob.length > MAX_BLOB_BYTES) throw new AccountException.InvalidKeySlot("a key slot blob is at most " + MAX_BLOB_BYTES + " bytes");
        List<KeySlotRecord> existing = store.listKeySlots(p.accountId());
        boolean replaces = existing.stream().anyMatch(s -> s.slotId().equals(slotId));
        if (!replaces && existing.size() >= MAX_SLOTS)
            throw new AccountException.InvalidKeySlot("an account holds at most " + MAX_SLOTS + " key slots; delete one first");
        if (store.putKeySlot(p.accountId(), new KeySlotRecord(slotId, kind, blob, clock.instant())) == KeySlotOutcome.LAST_RECOVERY)
            throw new AccountException.LastRecoverySlot(slotId);
        audit.record(p.accountId(), AuditEventType.KEY_SLOT_PUT, p.deviceId(), slotId + " (" + kind + (replaces ? ", replaced)" : ")"));
    }

    /**
     * Retires a slot: it is no longer listed at once, and the sweep job removes it after the safety
     * delay, so a stolen session cannot destroy the ways into the vault for good.
     *
     * @throws AccountException.KeySlotNotFound {@code not_found} if the account has no such slot
     * @throws AccountException.LastRecoverySlot {@code last_recovery_slot} if it is the only recovery slot
     */
    public void delete(Principal p, String slotId) {
        requireSlotId(slotId);
        switch (store.deleteKeySlot(p.accountId(), slotId, clock.instant())) {
            case DONE -> { }
            case NOT_FOUND -> throw new AccountException.KeySlotNotFound(slotId);
            case LAST_RECOVERY -> throw new AccountException.LastRecoverySlot(slotId);
        }
        audit.record(p.accountId(), AuditEventType.KEY_SLOT_DELETED, p.deviceId(), slotId);
    }

    private static void requireSlotId(String slotId) {
        if (slotId == null || !SLOT_ID.matcher(slotId).matches())
            throw new AccountException.InvalidKeySlot("slotId is 1-64 characters of a-z, 0-9 and '-'");
    }
}
