package org.chatvault.client.backup;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chatvault.client.ClientException;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;

/**
 * Seals objects (zstd, padding, AES-GCM, the id's HMAC) on worker threads while the caller goes on
 * reading, and hands every result back on the caller's thread in the order it was submitted,
 * interleaved with the caller's own {@link #then steps}. So whatever the callbacks do (queue for
 * upload, name segments in a conversation index) happens in exactly the order of the sequential
 * loop: batches, indexes and the root are the same; only the random nonces differ, as they would
 * between any two runs.
 *
 * <p>At most {@code window} objects are in flight, which bounds memory (a segment is at most
 * 256 KiB). A worker's failure is rethrown, as thrown, by the call that reaches its result, and
 * nothing submitted after it is handed back.
 */
final class ParallelSealer implements AutoCloseable {
    private sealed interface Pending {}

    private record Sealing(Future<SealedObject> result, Consumer<SealedObject> then) implements Pending {}

    private record Step(Runnable action) implements Pending {}

    private final ExecutorService pool;
    /** One codec per worker: a codec holds a cipher and a zstd context, neither thread-safe. */
    private final ThreadLocal<ObjectCodec> codecs;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final int window;
    private int inFlight;

    /**
     * @param codecs  makes a codec for each worker thread
     * @param workers threads sealing at once
     * @param window  most objects submitted and not yet handed back
     */
    ParallelSealer(Supplier<ObjectCodec> codecs, int workers, int window) {
        if (workers < 1 || window < workers) throw new IllegalArgumentException("need at least one worker and a window of at least one per worker");
        this.codecs = ThreadLocal.withInitial(codecs);
        this.window = window;
        this.pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("chatvault-seal-", 0).daemon().factory());
    }

    /** Workers for this machine: every core but one (the reader and the segment cuts share it), at least one. */
    static int defaultWorkers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1));
    }

    /**
     * Seals {@code plain} on a worker and later runs {@code then} with the result on this thread,
     * after every earlier submission; blocks while the window is full.
     */
    void seal(ObjectKind kind, int bucket, byte[] plain, Consumer<SealedObject> then) {
        while (inFlight >= window) handBackOldest();
        pending.addLast(new Sealing(pool.submit(() -> codecs.get().seal(kind, bucket, plain)), then));
        inFlight++;
        handBackFinished();
    }

    /** Runs {@code action} on this thread once everything submitted before it was handed back. */
    void then(Runnable action) {
        if (pending.isEmpty()) action.run();
        else pending.addLast(new Step(action));
    }

    /** Hands back everything submitted, waiting for the workers as needed. */
    void finish() {
        while (!pending.isEmpty()) handBackOldest();
    }

    /** Hands back the results at the head that are ready, without waiting. */
    private void handBackFinished() {
        while (!pending.isEmpty() && (!(pending.peekFirst() instanceof Sealing s) || s.result().isDone())) handBackOldest();
    }

    private void handBackOldest() {
        Pending p = pending.removeFirst();
        switch (p) {
            case Step s -> s.action().run();
            case Sealing s -> {
                inFlight--;
                s.then().accept(await(s.result()));
            }
        }
    }

    private static SealedObject await(Future<SealedObject> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new ClientException("sealing failed: " + cause.getMessage(), cause);
        } catch (CancellationException e) {
            throw new ClientException("sealing was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while sealing", e);
        }
    }

    /** Stops the workers; results not handed back yet are dropped. */
    @Override
    public void close() {
        pending.clear();
        pool.shutdownNow();
    }
}
