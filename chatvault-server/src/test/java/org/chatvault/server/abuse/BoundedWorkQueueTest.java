package org.chatvault.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedWorkQueueTest {
    @Test
    void placesAreWorkersPlusWaitingAndEachAddressHasItsShare() {
        BoundedWorkQueue q = new BoundedWorkQueue(1, 2, 2);
        BoundedWorkQueue.Ticket a1 = q.admit("a");
        BoundedWorkQueue.Ticket a2 = q.admit("a");
        assertThatThrownBy(() -> q.admit("a")).as("a's share is 2").isInstanceOf(AbuseException.ServerBusy.class);
        BoundedWorkQueue.Ticket b1 = q.admit("b");
        assertThatThrownBy(() -> q.admit("c")).as("3 places in all").isInstanceOf(AbuseException.ServerBusy.class)
                .satisfies(e -> assertThat(((AbuseException) e).retryAfterSeconds()).isEqualTo(1));
        assertThat(q.admitted()).isEqualTo(3);
        assertThat(q.refused()).isEqualTo(2);
        a1.close();
        a1.close(); // idempotent
        assertThat(q.admitted()).isEqualTo(2);
        BoundedWorkQueue.Ticket c1 = q.admit("c");
        assertThat(c1.run(() -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> c1.run(() -> 1)).isInstanceOf(IllegalStateException.class);
        for (BoundedWorkQueue.Ticket t : new BoundedWorkQueue.Ticket[] {a2, b1, c1}) t.close();
        assertThat(q.admitted()).isZero();
        assertThat(q.completed()).isEqualTo(1);
        q.admit("a").close();
        q.admit("a").close();
    }

    @Test
    void atMostWorkersRunAtOnce() throws Exception {
        BoundedWorkQueue q = new BoundedWorkQueue(2, 10, 10);
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            java.util.List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                done.add(pool.submit(() -> {
                    go.await();
                    try (BoundedWorkQueue.Ticket t = q.admit("x")) {
                        return t.run(() -> {
                            most.accumulateAndGet(running.incrementAndGet(), Math::max);
                            try {
                                Thread.sleep(20);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return running.decrementAndGet();
                        });
                    }
                }));
            }
            go.countDown();
            for (Future<?> f : done) f.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isEqualTo(2);
        assertThat(q.completed()).isEqualTo(8);
        assertThat(q.admitted()).isZero();
    }
}
