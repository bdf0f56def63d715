package org.chatvault.server.abuse;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A bounded queue for expensive work (Argon2id hashes): {@code workers} run at once, at most
 * {@code waiting} more wait for one, and one client address holds at most {@code perAddress} of
 * these places. A request that finds no place is refused at once ({@link AbuseException.ServerBusy},
 * {@code 503} with {@code Retry-After}) instead of queueing without bound: a flood from one address
 * then costs the others at most that address's share of the workers, and a flood from many at most
 * a bounded wait.
 *
 * <p>Admission ({@link #admit}) and running ({@link Ticket#run}) are separate, so a caller can
 * refuse cheaply in between (the login throttle) and release the place by closing the ticket.
 */
public final class BoundedWorkQueue {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore workers;
    private final int places;
    private final int perAddress;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ConcurrentHashMap<String, Integer> byAddress = new ConcurrentHashMap<>();

    public BoundedWorkQueue(int workers, int waiting, int perAddress) {
        if (workers < 1 || waiting < 0 || perAddress < 1) throw new IllegalArgumentException("workers and perAddress must be positive, waiting not negative");
        this.workers = new Semaphore(workers, true);
        this.places = workers + waiting;
        this.perAddress = perAddress;
    }

    /**
     * Takes a place for one piece of work from {@code clientAddress}.
     *
     * @throws AbuseException.ServerBusy if the queue, or this address's share of it, is full
     */
    public Ticket admit(String clientAddress) {
        String address = clientAddress == null ? "" : clientAddress;
        boolean[] taken = {false};
        byAddress.compute(address, (k, n) -> {
            int held = n == null ? 0 : n;
            if (held >= perAddress) return n;
            taken[0] = true;
            return held + 1;
        });
        if (!taken[0]) throw busy();
        if (admitted.incrementAndGet() > places) {
            admitted.decrementAndGet();
            leave(address);
            throw busy();
        }
        return new Ticket(address);
    }

    /** Places taken now (running and waiting), for metrics. */
    public int admitted() { return admitted.get(); }

    /** Pieces of work run so far. */
    public long completed() { return completed.get(); }

    /** Requests refused so far because the queue or an address's share was full. */
    public long refused() { return refused.get(); }

    private AbuseException.ServerBusy busy() {
        refused.incrementAndGet();
        return new AbuseException.ServerBusy(RETRY_AFTER);
    }

    private void leave(String address) {
        byAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** One admitted piece of work: run it once, then close (closing without running just gives the place back). */
    public final class Ticket implements AutoCloseable {
        private final String address;
        private boolean ran;
        private boolean closed;

        private Ticket(String address) {
            this.address = address;
        }

        /** Waits for a worker, then runs {@code work} on the calling thread. */
        public <T> T run(Supplier<T> work) {
            if (ran || closed) throw new IllegalStateException("a ticket runs one piece of work");
            ran = true;
            workers.acquireUninterruptibly();
            try {
                return work.get();
            } finally {
                workers.release();
                completed.incrementAndGet();
            }
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            admitted.decrementAndGet();
            leave(address);
        }
    }
}
