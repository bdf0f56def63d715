package org.chatvault.server.vault;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which packs are worth rewriting. A pack qualifies only if it was created before
 * {@code createdBefore} (young packs are still filling with drops; leave them be) and still holds
 * a live object (an all-dropped pack is the sweeper's to delete). It is then <em>sparse</em> if
 * its live frames fill less than {@code liveShareBelow} of its length, and <em>small</em> if it is
 * shorter than {@code smallPackBytes}. A bucket of an account is worth repacking if it has a
 * sparse pack or at least two small ones.
 *
 * @param frameHeaderBytes bytes each live object's frame header takes in a pack, counted as live
 */
public record RepackCriteria(Instant createdBefore, double liveShareBelow, long smallPackBytes, int frameHeaderBytes) {

    public boolean qualifies(PackStats p) {
        return p.createdAt().isBefore(createdBefore) && p.liveObjects() > 0;
    }

    public boolean sparse(PackStats p) {
        return qualifies(p) && p.liveBytes() + p.liveObjects() * frameHeaderBytes < p.length() * liveShareBelow;
    }

    public boolean small(PackStats p) {
        return qualifies(p) && p.length() < smallPackBytes;
    }

    /** Whether one bucket's packs hold a sparse pack or at least two small ones. */
    public boolean worthRepacking(List<PackStats> bucket) {
        return bucket.stream().anyMatch(this::sparse) || bucket.stream().filter(this::small).count() > 1;
    }

    /** Whether any bucket among an account's packs is worth repacking. */
    public boolean accountWorthRepacking(List<PackStats> packs) {
        Map<Integer, List<PackStats>> byBucket = new TreeMap<>();
        for (PackStats p : packs) byBucket.computeIfAbsent(p.bucket(), b -> new ArrayList<>()).add(p);
        return byBucket.values().stream().anyMatch(this::worthRepacking);
    }

    /**
     * Up to {@code limit} accounts, in ascending id order after {@code afterAccountId} (null: from
     * the first), having a bucket worth repacking. Measures each account holding an old enough pack.
     */
    public List<String> accountsToRepack(ObjectIndex index, String afterAccountId, int limit) {
        List<String> found = new ArrayList<>();
        String after = afterAccountId;
        while (found.size() < limit) {
            List<String> page = index.accountsWithPacksCreatedBefore(createdBefore, after, limit);
            if (page.isEmpty()) break;
            for (String account : page) {
                if (found.size() < limit && accountWorthRepacking(index.packStats(account))) found.add(account);
            }
            after = page.getLast();
        }
        return found;
    }
}
