package org.chatvault.server.vault;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.account.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault head of one account: reading it, moving it by compare-and-swap, and usage.
 *
 * @param policy refuses commits during the read-only grace after a lapse
 */
public record HeadService(ObjectIndex metadata, Clock clock, VaultPolicy policy) {
    private static final Logger log = LoggerFactory.getLogger(HeadService.class);

    /** Without plan limits: for the server's jobs and tools that work outside any plan. */
    public HeadService(ObjectIndex metadata, Clock clock) {
        this(metadata, clock, VaultPolicy.unmetered());
    }

    public Head head(Principal p) {
        return metadata.head(p.accountId());
    }

    /**
     * @return the new head version
     * @throws VaultRequestException {@code bad_request} (negative base, root not a root manifest),
     *                      {@code head_conflict}, {@code objects_missing}, {@code vault_read_only}
     */
    public long commit(Principal p, CommitRequest req) {
        if (req.baseVersion() < 0) throw new VaultRequestException.InvalidCommit("baseVersion must not be negative");
        policy.requireWritable(p.accountId());
        // Kinds never change, so checking outside the transaction is safe; presence is re-checked inside.
        ObjectLocation root = metadata.locateObjects(p.accountId(), List.of(req.root())).get(req.root());
        if (root != null && root.kind() != ObjectKind.ROOT_MANIFEST)
            throw new VaultRequestException.InvalidCommit("root " + req.root() + " is a " + root.kind() + " object, not a root manifest");
        HeadChange change = new HeadChange(req.baseVersion(), req.root(), new LinkedHashSet<>(req.added()),
                new LinkedHashSet<>(req.dropped()), clock.instant());
        return switch (compareAndSwap(p.accountId(), change)) {
            case CommitOutcome.Committed c -> {
                log.info("account {} committed version {} (+{} -{} objects)", p.accountId(), c.version(), req.added().size(), req.dropped().size());
                yield c.version();
            }
            case CommitOutcome.Conflict c -> throw new VaultRequestException.HeadConflict(c.currentVersion(), req.baseVersion());
            case CommitOutcome.Missing m -> throw new VaultRequestException.ObjectsMissing(m.count());
        };
    }

    /**
     * The commit rule, in one transaction under the account's vault lock: if the head is at
     * {@code change.baseVersion()} and the account holds the root and every added object, moves
     * the head to {@code baseVersion + 1}, clears the drop mark of root and added objects, and
     * marks dropped ones (not also added) with {@code committedAt}. Otherwise changes nothing.
     */
    public CommitOutcome compareAndSwap(String accountId, HeadChange change) {
        return metadata.withLockedVault(accountId, vault -> {
            long current = vault.head().version();
            if (current != change.baseVersion()) return new CommitOutcome.Conflict(current);
            Set<ObjectId> referenced = new LinkedHashSet<>(change.added());
            referenced.add(change.root());
            int missing = referenced.size() - vault.presentObjects(referenced).size();
            if (missing > 0) return new CommitOutcome.Missing(missing);
            Set<ObjectId> dropped = new LinkedHashSet<>(change.dropped());
            dropped.removeAll(referenced); // an object both dropped and added stays
            vault.markDropped(dropped, change.committedAt());
            vault.clearDropMarks(referenced);
            long next = change.baseVersion() + 1;
            vault.moveHead(new Head(next, change.root(), change.committedAt()));
            return new CommitOutcome.Committed(next);
        });
    }

    public Usage usage(Principal p) {
        return metadata.usage(p.accountId());
    }
}
