package org.chatvault.generator;

import java.util.SplittableRandom;
import org.slf4j.Logger;

/** Test seeds: fresh each run for coverage, logged so a failure can be replayed with -Dchatvault.seed. */
final class Seeds {
    private static final SplittableRandom FRESH = new SplittableRandom();

    private Seeds() {}

    static long next(Logger log, String test) {
        String fixed = System.getProperty("chatvault.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : FRESH.nextLong();
        log.info("{}: seed {} (replay with -Dchatvault.seed={})", test, seed, seed);
        return seed;
    }
}
