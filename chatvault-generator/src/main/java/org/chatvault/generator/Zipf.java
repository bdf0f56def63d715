package org.chatvault.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Rank-frequency weights 1/(rank+1)^s: a few entries take most of the draws and a long tail takes
 * the rest, as with busy chats, talkative group members and favourite stickers.
 */
final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double exponent) {
        if (n < 1) throw new IllegalArgumentException("empty Zipf distribution");
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) cumulative[i] = sum += weight(i, exponent);
    }

    /** A rank in [0, n), rank 0 the most likely. */
    int sample(SplittableRandom r) {
        double u = r.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        return Math.min(cumulative.length - 1, i >= 0 ? i + 1 : -i - 1);
    }

    /**
     * Splits {@code total} into {@code n} shares by rank that add up exactly. Everyone gets one
     * first when there is enough to go round, so no conversation is left empty needlessly.
     */
    static long[] allocate(long total, int n, double exponent) {
        long[] shares = new long[n];
        long base = total >= n ? 1 : 0;
        long rest = total - base * n;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += weight(i, exponent);
        long given = 0;
        for (int i = 0; i < n; i++) {
            shares[i] = base + (long) Math.floor(rest * (weight(i, exponent) / sum));
            given += shares[i];
        }
        // Rounding left fewer than n over: hand them out from the top rank down. Floating point
        // could in principle overshoot by a few; take those back from the tail.
        for (int i = 0; given < total; i = (i + 1) % n, given++) shares[i]++;
        for (int i = n - 1; given > total; i = i == 0 ? n - 1 : i - 1) {
            if (shares[i] > base) { shares[i]--; given--; }
        }
        return shares;
    }

    private static double weight(int rank, double exponent) { return 1.0 / StrictMath.pow(rank + 1, exponent); }
}
