package org.chatvault.client.backup;

import java.util.Set;
import org.chatvault.client.sync.HeadMovedException;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.protocol.vault.Commit;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.format.ObjectId;

/** Moves the vault head by one compare-and-swap commit, telling a lost answer from a real conflict. */
public final class HeadCommitter {
    private HeadCommitter() {}

    /**
     * @return the new head version
     * @throws HeadMovedException if another device moved the head first
     */
    public static long commit(VaultApi api, VaultHead head, ObjectId root, Set<ObjectId> added, Set<ObjectId> dropped) {
        dropped.removeAll(added);
        Commit commit = new Commit(head.version(), root.hex(),
                added.stream().map(ObjectId::hex).toList(), dropped.stream().map(ObjectId::hex).toList());
        try {
            return api.commit(commit).version();
        } catch (ServerRefusedException e) {
            if (e.status() != 409) throw e;
            // A retried commit whose first answer was lost looks like a conflict: check.
            VaultHead now = api.head();
            if (root.hex().equals(now.root())) return now.version();
            throw new HeadMovedException(now.version(), e);
        }
    }
}
