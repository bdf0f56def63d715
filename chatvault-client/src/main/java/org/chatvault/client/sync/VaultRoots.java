package org.chatvault.client.sync;

import java.util.Collection;
import java.util.Comparator;
import org.chatvault.client.local.SyncState.BackedUpConversation;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.core.format.RootManifest;

/** The one place a root manifest is built (docs/FORMAT.md §8). */
public final class VaultRoots {
    private VaultRoots() {}

    /**
     * The root that replaces {@code baseRoot} (null for an empty vault) at {@code baseVersion}:
     * version {@code baseVersion + 1}, conversations in id order so the same state gives the same
     * root, and the retention horizon this device knows (§8.1), carried into every root it writes.
     */
    public static RootManifest next(long baseVersion, ObjectId baseRoot, Collection<BackedUpConversation> conversations,
                                    RetentionHorizon horizon) {
        return new RootManifest(baseVersion + 1, baseRoot, conversations.stream()
                .sorted(Comparator.comparing(BackedUpConversation::conversationId))
                .map(c -> new RootManifest.Entry(c.conversationId(), c.lastActivity(), c.messageCount(), c.indexId()))
                .toList(), horizon);
    }
}
