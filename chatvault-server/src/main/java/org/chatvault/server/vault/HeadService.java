package org.chatvault.server.vault;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.account.Principal;
import org.chatvault.server.store.CommitOutcome;
import org.chatvault.server.store.Head;
import org.chatvault.server.store.HeadChange;
import org.chatvault.server.store.MetadataStore;
import org.chatvault.server.store.ObjectLocation;
import org.chatvault.server.store.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The vault head of one account: reading it, moving it by compare-and-swap, and usage. */
public final class HeadService {
    private static final Logger log = LoggerFactory.getLogger(HeadService.class);

    private final MetadataStore metadata;
    private final Clock clock;

    public HeadService(MetadataStore metadata, Clock clock) {
        this.metadata = metadata;
        this.clock = clock;
    }

    public Head head(Principal p) {
        return metadata.head(p.accountId());
    }

    /**
     * @return the new head version
     * @throws VaultRequestException {@code bad_request} (negative base, root not a root manifest),
     *                      {@code head_conflict}, {@code objects_missing}
     */
    public long commit(Principal p, CommitRequest req) {
        if (req.baseVersion() < 0) throw new VaultRequestException.InvalidCommit("baseVersion must not be negative");
        // Kinds never change, so checking outside the transaction is safe; presence is re-checked inside.
        ObjectLocation root = metadata.locateObjects(p.accountId(), List.of(req.root())).get(req.root());
        if (root != null && root.kind() != ObjectKind.ROOT_MANIFEST)
            throw new VaultRequestException.InvalidCommit("root " + req.root() + " is a " + root.kind() + " object, not a root manifest");
        HeadChange change = new HeadChange(req.baseVersion(), req.root(), new LinkedHashSet<>(req.added()),
                new LinkedHashSet<>(req.dropped()), clock.instant());
        return switch (metadata.commit(p.accountId(), change)) {
            case CommitOutcome.Committed c -> {
                log.info("account {} committed version {} (+{} -{} objects)", p.accountId(), c.version(), req.added().size(), req.dropped().size());
                yield c.version();
            }
            case CommitOutcome.Conflict c -> throw new VaultRequestException.HeadConflict(c.currentVersion(), req.baseVersion());
            case CommitOutcome.Missing m -> throw new VaultRequestException.ObjectsMissing(m.count());
        };
    }

    public Usage usage(Principal p) {
        return metadata.usage(p.accountId());
    }
}
