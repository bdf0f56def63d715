package org.chatvault.server.store;

import java.time.Instant;

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
}
