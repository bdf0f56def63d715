package org.chatvault.client.sync;

import java.util.Optional;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.client.local.SyncState;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.RootManifest;

/**
 * Freshness (docs/SYNC.md §5): this device remembers the highest head it has seen (version and
 * root, from every backup, sync, restore and verify) and refuses a head that is lower, the same
 * version with another root, or a root whose authenticated version or previous root contradicts
 * the head it is served under.
 */
public final class HeadGuard {
    private static final String SEEN_VERSION = "seen.version";
    private static final String SEEN_ROOT = "seen.root";
    private static final String SEEN_VERSIONED = "seen.versioned";
    private final SyncState sync;

    public HeadGuard(SyncState sync) { this.sync = sync; }

    /** The newest head this device has seen. */
    public Optional<SyncState.Head> seen() {
        String v = sync.meta(SEEN_VERSION), r = sync.meta(SEEN_ROOT);
        return v == null || r == null ? Optional.empty() : Optional.of(new SyncState.Head(Long.parseLong(v), ObjectId.parse(r)));
    }

    /** Checks the head the server answered, before anything of it is read. */
    public void checkHead(VaultHead head) {
        Optional<SyncState.Head> seen = seen();
        if (seen.isEmpty()) return;
        long v = seen.get().version();
        if (head.version() < v)
            throw new StaleVaultException("the server's vault is at version " + head.version() + ", older than version " + v
                    + " which this device has already seen: the server may have been restored from an old copy, or is not telling "
                    + "the truth. Nothing was changed; ask the operator, and do not remove this device's data");
        if (head.version() == v && !seen.get().root().hex().equals(head.root()))
            throw new StaleVaultException("the server's vault version " + v + " names a different root than the one this device saw "
                    + "for that version: the vault has forked or the server is not telling the truth. Nothing was changed");
    }

    /** Checks the opened root of {@code head} against the head and what this device has seen. */
    public void checkRoot(VaultHead head, RootManifest root) {
        if (root.version() == 0) {
            if ("1".equals(sync.meta(SEEN_VERSIONED)))
                throw new StaleVaultException("the server's vault head (version " + head.version() + ") is a root without a version, "
                        + "but this device has seen versioned roots: the server may be replaying an old root. Nothing was changed");
            return;
        }
        if (root.version() != head.version())
            throw new StaleVaultException("the server says its vault is at version " + head.version() + " but the root it serves was "
                    + "written for version " + root.version() + ": the server may be replaying an old root. Nothing was changed");
        Optional<SyncState.Head> seen = seen();
        if (seen.isPresent() && seen.get().version() == head.version() - 1 && !seen.get().root().equals(root.previous()))
            throw new StaleVaultException("the vault's version " + head.version() + " does not follow version " + seen.get().version()
                    + " which this device saw: the vault has forked or the server is not telling the truth. Nothing was changed");
    }

    /** Remembers a head whose root passed {@link #checkRoot}, or that this device committed. */
    public void remember(long version, ObjectId root, boolean versioned) {
        Optional<SyncState.Head> seen = seen();
        if (seen.isPresent() && seen.get().version() >= version) return;
        sync.setMeta(SEEN_VERSION, Long.toString(version));
        sync.setMeta(SEEN_ROOT, root.hex());
        if (versioned) sync.setMeta(SEEN_VERSIONED, "1");
    }
}
