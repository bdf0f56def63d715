package org.chatvault.server.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.server.vault.ExpiredObjects;

/**
 * What one lifecycle run did, or would do.
 *
 * @param asOf            the date a preview was evaluated at; null for a run now
 * @param accountsCut     accounts that lost months their plans no longer keep
 * @param objectsExpired  objects of those months marked for the sweep (deleted after the safety delay)
 * @param bytesExpired    their bytes
 * @param accountsRemoved deleted accounts (by their owners, or unused) whose storage and rows were removed
 * @param objectsRemoved  the objects those accounts held
 * @param bytesRemoved    their bytes
 * @param packsRemoved    pack blobs of those accounts this run deleted
 * @param packBytesRemoved those blobs' bytes
 * @param accountLines    per account, up to {@link JobResult#MAX_ACCOUNT_LINES}
 */
public record LifecycleResult(boolean dryRun, boolean heldElsewhere, Instant asOf, int accountsCut, long objectsExpired, long bytesExpired,
                              int accountsRemoved, long objectsRemoved, long bytesRemoved, long packsRemoved, long packBytesRemoved,
                              List<String> accountLines) implements JobResult {

    static LifecycleResult heldElsewhere(Instant asOf) {
        return new LifecycleResult(false, true, asOf, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
    }

    /** Accounts acted on, objects and bytes removed or marked, all told. */
    public int accounts() { return accountsCut + accountsRemoved; }

    public long objects() { return objectsExpired + objectsRemoved; }

    public long bytes() { return bytesExpired + bytesRemoved; }

    @Override public List<String> describe() {
        if (heldElsewhere) return List.of("lifecycle: another server instance holds the lease; nothing done");
        String mode = dryRun ? (asOf != null ? " (dry run as of " + asOf + ")" : " (dry run)") : "";
        List<String> lines = new ArrayList<>();
        lines.add("lifecycle" + mode + ": " + accounts() + " accounts, " + objects() + " objects (" + bytes() + " bytes) "
                + (dryRun ? "would be removed" : "removed"));
        lines.add("  expired under the plan: " + objectsExpired + " objects (" + bytesExpired + " bytes) of " + accountsCut
                + " accounts" + (dryRun ? " would be marked" : " marked") + " for the sweep, which deletes them after the safety delay");
        lines.add("  deleted accounts: " + accountsRemoved + ", " + objectsRemoved + " objects (" + bytesRemoved + " bytes) in " + packsRemoved
                + " packs (" + packBytesRemoved + " bytes)" + (dryRun ? " would be removed" : " removed"));
        lines.addAll(accountLines);
        return lines;
    }

    /** Adds up a run, account by account. */
    static final class Tally {
        private final List<String> lines = new ArrayList<>();
        private int accountsCut, accountsRemoved;
        private long objectsExpired, bytesExpired, objectsRemoved, bytesRemoved, packsRemoved, packBytesRemoved;

        void expired(String accountId, ExpiredObjects e, String months) {
            accountsCut++;
            objectsExpired += e.objects();
            bytesExpired += e.bytes();
            line("  account " + accountId + ": " + e.objects() + " objects (" + e.bytes() + " bytes) of " + months + " expired under the plan");
        }

        void removed(String accountId, String why, long objects, long bytes, long packs, long packBytes) {
            accountsRemoved++;
            objectsRemoved += objects;
            bytesRemoved += bytes;
            packsRemoved += packs;
            packBytesRemoved += packBytes;
            line("  account " + accountId + " " + why + ": removed with " + objects + " objects (" + bytes + " bytes), " + packs + " packs");
        }

        /** Pack blobs of an account another run purged, which this run deleted before it got there. */
        void removedBlobs(long packs, long packBytes) {
            packsRemoved += packs;
            packBytesRemoved += packBytes;
        }

        private void line(String line) {
            if (lines.size() < JobResult.MAX_ACCOUNT_LINES) lines.add(line);
        }

        LifecycleResult result(boolean dryRun, Instant asOf) {
            return new LifecycleResult(dryRun, false, asOf, accountsCut, objectsExpired, bytesExpired, accountsRemoved, objectsRemoved,
                    bytesRemoved, packsRemoved, packBytesRemoved, List.copyOf(lines));
        }
    }
}
