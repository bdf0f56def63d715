package org.chatvault.generator;

import java.util.SplittableRandom;

/**
 * The few random draws the generator repeats everywhere, kept cheap for the per-message loop.
 * Only SplittableRandom's specified primitives (nextLong, nextInt, nextDouble) and StrictMath are
 * used: RandomGenerator's nextGaussian/nextExponential and Math's intrinsics are free to differ
 * between JDKs and CPUs, and one flipped bit would change the rest of a conversation.
 */
final class Picks {
    private Picks() {}

    static String pick(SplittableRandom r, String[] pool) { return pool[r.nextInt(pool.length)]; }

    /** Favours the front of {@code pool}: pools list their most common entries first. */
    static String skewed(SplittableRandom r, String[] pool) {
        double u = r.nextDouble();
        return pool[(int) (pool.length * u * u)];
    }

    static boolean chance(SplittableRandom r, double p) { return r.nextDouble() < p; }

    /** A geometric count ≥ 0 with the given mean. */
    static long geometric(SplittableRandom r, double mean) {
        if (mean <= 0) return 0;
        double u = 1.0 - r.nextDouble(); // (0, 1]
        return (long) (StrictMath.log(u) / StrictMath.log(mean / (mean + 1)));
    }

    /** An exponential value with mean 1: waiting times. */
    static double exponential(SplittableRandom r) { return -StrictMath.log(1.0 - r.nextDouble()); }

    /** A standard normal value (Box-Muller, one of the pair). */
    static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * r.nextDouble());
    }

    /** A log-normal value: sizes of photos, videos and files are spread this way. */
    static long logNormal(SplittableRandom r, double median, double sigma, long min, long max) {
        double v = median * StrictMath.exp(sigma * gaussian(r));
        return Math.max(min, Math.min(max, (long) v));
    }
}
