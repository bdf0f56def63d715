package org.chatvault.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.Test;

/** What every {@link LeaseStore} must do, on every database: a concrete test per database supplies it. */
public abstract class LeaseStoreContract extends StoreContractBase {

    // ---- job leases ------------------------------------------------------------------------

    @Test
    void aLeaseHasOneHolderUntilItExpiresOrIsReleased() {
        Duration ttl = Duration.ofMinutes(10);
        assertThat(leases.tryAcquireLease("sweep", "instance-a", T0, ttl)).isTrue();
        assertThat(leases.tryAcquireLease("sweep", "instance-b", T0.plusSeconds(1), ttl)).isFalse();
        assertThat(leases.tryAcquireLease("other-job", "instance-b", T0, ttl)).as("leases are per job").isTrue();

        // The holder renews: the lease now runs until T0 + 5 min + 10 min.
        assertThat(leases.tryAcquireLease("sweep", "instance-a", T0.plus(Duration.ofMinutes(5)), ttl)).isTrue();
        assertThat(leases.tryAcquireLease("sweep", "instance-b", T0.plus(Duration.ofMinutes(14)), ttl)).isFalse();
        // Expired: another instance takes over, and the old holder is now refused.
        assertThat(leases.tryAcquireLease("sweep", "instance-b", T0.plus(Duration.ofMinutes(15)), ttl)).isTrue();
        assertThat(leases.tryAcquireLease("sweep", "instance-a", T0.plus(Duration.ofMinutes(16)), ttl)).isFalse();

        // Releasing someone else's lease does nothing; releasing your own frees it at once.
        leases.releaseLease("sweep", "instance-a");
        assertThat(leases.tryAcquireLease("sweep", "instance-a", T0.plus(Duration.ofMinutes(16)), ttl)).isFalse();
        leases.releaseLease("sweep", "instance-b");
        assertThat(leases.tryAcquireLease("sweep", "instance-a", T0.plus(Duration.ofMinutes(16)), ttl)).isTrue();
        leases.releaseLease("never-taken", "instance-a"); // no-op
    }

    @Test
    void concurrentHoldersRacingForAFreeLeaseHaveOneWinner() throws Exception {
        int holders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(holders);
        try {
            for (int round = 0; round < 5; round++) {
                // Each round is an hour after the last, so the lease is free (round 0) or expired.
                Instant now = T0.plus(Duration.ofHours(round));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int h = 0; h < holders; h++) {
                    String holder = "instance-" + h;
                    results.add(pool.submit(() -> {
                        go.await();
                        return leases.tryAcquireLease("sweep", holder, now, Duration.ofMinutes(10));
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> f : results) if (f.get()) won++;
                assertThat(won).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
