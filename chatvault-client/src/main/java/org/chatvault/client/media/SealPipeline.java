package org.chatvault.client.media;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chatvault.client.ClientException;
import org.chatvault.client.backup.BatchUploader;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.chatvault.core.format.StagedPlaintext;

/**
 * Seals objects on several threads while keeping their order: the caller submits plaintexts and
 * follow-up actions, and they reach the uploader (and the actions run) in exactly the order they
 * were submitted. Hashing and encryption dominate a media backup; on two cores this keeps both
 * busy while the caller reads and chunks the next file. At most {@code maxInFlight} seals are
 * pending, which bounds memory (each holds a chunk of up to 4 MiB and its ciphertext).
 */
final class SealPipeline implements AutoCloseable {
    private record Step(Future<SealedObject> sealed, Consumer<SealedObject> then, Runnable action) {}

    private final ExecutorService pool;
    private final ThreadLocal<ObjectCodec> codecs;
    private final BatchUploader uploader;
    private final int maxInFlight;
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    private int pendingSeals;

    /** @param codecs a new codec per call: codecs are not thread-safe, so each thread takes its own */
    SealPipeline(Supplier<ObjectCodec> codecs, BatchUploader uploader, int threads, int maxInFlight) {
        this.codecs = ThreadLocal.withInitial(codecs);
        this.uploader = uploader;
        this.maxInFlight = maxInFlight;
        this.pool = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform().name("chatvault-seal").daemon().unstarted(r));
    }

    /** Seals {@code plain} in the background; once its turn comes, it goes to the uploader and {@code then} sees it. */
    void seal(ObjectKind kind, int bucket, byte[] plain, boolean tryCompress, Consumer<SealedObject> then) {
        Future<SealedObject> f = pool.submit(() -> codecs.get().seal(kind, bucket, plain, tryCompress));
        steps.add(new Step(f, then, null));
        pendingSeals++;
        while (pendingSeals > maxInFlight) runNext();
    }

    /** As {@link #seal}, for a plaintext known not to compress, encrypted in the array it was staged in. */
    void sealStaged(ObjectKind kind, int bucket, StagedPlaintext plain, Consumer<SealedObject> then) {
        Future<SealedObject> f = pool.submit(() -> codecs.get().sealStaged(kind, bucket, plain));
        steps.add(new Step(f, then, null));
        pendingSeals++;
        while (pendingSeals > maxInFlight) runNext();
    }

    /** Runs {@code action} on the caller's thread once everything submitted before it has been handed on. */
    void then(Runnable action) {
        steps.add(new Step(null, null, action));
    }

    /** Seals on the caller's thread, for small objects that must follow what came before. */
    SealedObject sealHere(ObjectKind kind, int bucket, byte[] plain, boolean tryCompress) {
        return codecs.get().seal(kind, bucket, plain, tryCompress);
    }

    /** Queues an object sealed with {@link #sealHere}, from within a {@link #then} action, in its place in the order. */
    void addNow(SealedObject o) {
        uploader.add(o);
    }

    /** Hands on everything submitted so far. */
    void drain() {
        while (!steps.isEmpty()) runNext();
    }

    private void runNext() {
        Step s = steps.poll();
        if (s.action() != null) {
            s.action().run();
            return;
        }
        pendingSeals--;
        SealedObject o;
        try {
            o = s.sealed().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while sealing media", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new ClientException("sealing media failed: " + e.getCause(), e.getCause());
        }
        uploader.add(o);
        s.then().accept(o);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
