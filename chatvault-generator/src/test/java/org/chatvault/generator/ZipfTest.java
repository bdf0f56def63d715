package org.chatvault.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ZipfTest {
    private static final Logger log = LoggerFactory.getLogger(ZipfTest.class);

    @Test
    void allocationAddsUpExactlyAndFallsWithRank() {
        SplittableRandom r = new SplittableRandom(Seeds.next(log, "zipf allocation"));
        for (int i = 0; i < 2_000; i++) {
            int n = 1 + r.nextInt(i < 1_800 ? 50 : 20_000);
            long total = r.nextInt(4) == 0 ? r.nextInt(n + 1) : r.nextLong(50_000_000);
            long[] shares = Zipf.allocate(total, n, 0.5 + r.nextDouble());
            assertThat(Arrays.stream(shares).sum()).as("%d over %d", total, n).isEqualTo(total);
            assertThat(Arrays.stream(shares).min().orElseThrow()).isGreaterThanOrEqualTo(total >= n ? 1 : 0);
            for (int k = 1; k < n; k++) assertThat(shares[k]).isLessThanOrEqualTo(shares[k - 1]);
        }
    }

    @Test
    void samplesFavourTheFirstRanks() {
        SplittableRandom r = new SplittableRandom(Seeds.next(log, "zipf sample"));
        Zipf z = new Zipf(200, 1.0);
        int[] hits = new int[200];
        for (int i = 0; i < 100_000; i++) hits[z.sample(r)]++;
        assertThat(hits[0]).isGreaterThan(hits[1]).isGreaterThan(hits[199] * 50);
        // rank 0 takes 1/H(200) ≈ 17% of the draws
        assertThat(hits[0] / 100_000.0).isBetween(0.15, 0.19);
    }
}
