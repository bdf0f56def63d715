package org.chatvault.client.archive;

import java.util.List;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.protocol.vault.VaultHead;

/**
 * The JSON header of an archive file (docs/FORMAT.md "Archive file"): whose vault it is, the head
 * it holds, and the key slots that open the master key without a device (the recovery slot, and
 * the passphrase slot if the account has one), exactly as {@code GET /v1/keyslots} lists them.
 *
 * @param createdAt          when the archive was written, UTC milliseconds
 * @param headRoot           the head's root manifest id (hex), null for an empty vault
 * @param headCommittedAt    when that head was committed, UTC milliseconds, null for an empty vault
 * @param unreadableOnServer objects the head may need that the server could not read, so are not in the file
 */
public record ArchiveHeader(String accountId, String username, String server, long createdAt, long headVersion, String headRoot,
                            Long headCommittedAt, List<KeySlot> keySlots, long unreadableOnServer) {
    public ArchiveHeader {
        keySlots = List.copyOf(keySlots);
    }

    public VaultHead head() { return new VaultHead(headVersion, headRoot, headCommittedAt); }

    /** The slot with this id ("recovery", "passphrase"), or null. */
    public KeySlot slot(String slotId) {
        return keySlots.stream().filter(s -> slotId.equals(s.slotId())).findFirst().orElse(null);
    }
}
