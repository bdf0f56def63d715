package org.chatvault.client.backup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.ClientException;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;

/**
 * Collects sealed objects into batches and uploads them on a background thread while the caller
 * keeps encoding. Each batch first asks the server which ids it lacks, so objects that landed
 * before a crash or a dropped connection are never sent twice.
 */
public final class BatchUploader implements AutoCloseable {
    /** A batch, its place in the order, and what to run once it and every batch before it have landed. */
    private record Pending(long seq, List<SealedObject> objects, List<Runnable> landed) {}

    private static final Pending END = new Pending(-1, List.of(), List.of());

    private final VaultApi api;
    private final BackupOptions options;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> workers = new ArrayList<>();
    /** Landed batches whose callbacks wait for an earlier batch still in flight. */
    private final java.util.TreeMap<Long, List<Runnable>> landedOutOfOrder = new java.util.TreeMap<>();
    private long nextSeq;
    private long nextToAnnounce;
    private final Set<ObjectId> seen = new HashSet<>();
    private final AtomicLong uploadedObjects = new AtomicLong();
    private final AtomicLong uploadedBytes = new AtomicLong();
    private final AtomicLong skippedObjects = new AtomicLong();
    /** Objects the server already held, by the bucket this run would have given them. */
    private final java.util.concurrent.ConcurrentHashMap<Integer, List<ObjectId>> skippedByBucket = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong serverNanos = new AtomicLong();
    private long blockedNanos;
    private volatile Throwable failure;
    private List<SealedObject> current = new ArrayList<>();
    private List<Runnable> currentLanded = new ArrayList<>();
    private long currentBytes;

    public BatchUploader(VaultApi api, BackupOptions options) {
        this.api = api;
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.parallelUploads() + 1);
        for (int i = 0; i < options.parallelUploads(); i++)
            workers.add(Thread.ofPlatform().name("chatvault-upload-" + i).daemon().start(this::drain));
    }

    /** Queues an object for upload; an id already queued in this run is ignored. */
    public void add(SealedObject o) {
        if (!seen.add(o.id())) return;
        current.add(o);
        currentBytes += o.body().length;
        if (currentBytes >= options.batchBytes() || current.size() >= options.batchObjects()) submit();
    }

    /**
     * Runs {@code action} on the upload thread once everything added so far is on the server
     * (batches land in the order they were filled), e.g. to record locally what need not be
     * uploaded again after a crash. Not run if an upload fails.
     */
    public void afterLanded(Runnable action) {
        currentLanded.add(action);
    }

    /** Uploads whatever is queued and waits until every batch has landed. */
    public void flush() {
        submit();
        for (int i = 0; i < workers.size(); i++) put(END);
        try {
            for (Thread w : workers) w.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while uploading", e);
        }
        rethrow();
    }

    public long uploadedObjects() { return uploadedObjects.get(); }
    public long uploadedBytes() { return uploadedBytes.get(); }
    public long skippedObjects() { return skippedObjects.get(); }

    /** Objects not sent because the server held them, by the bucket this run gave them (after {@link #flush}). */
    public java.util.Map<Integer, List<ObjectId>> skippedByBucket() { return skippedByBucket; }
    /** Time spent in requests to the server. */
    public long serverMillis() { return serverNanos.get() / 1_000_000; }
    /** Time the producer waited for a free slot in the upload queue. */
    public long waitedMillis() { return blockedNanos / 1_000_000; }

    private void submit() {
        if (current.isEmpty() && currentLanded.isEmpty()) return;
        put(new Pending(nextSeq++, current, currentLanded));
        current = new ArrayList<>();
        currentLanded = new ArrayList<>();
        currentBytes = 0;
    }

    private void put(Pending batch) {
        long t0 = System.nanoTime();
        try {
            while (!queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) rethrow();
            blockedNanos += System.nanoTime() - t0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while uploading", e);
        }
        rethrow();
    }

    private void drain() {
        try {
            while (true) {
                Pending batch = queue.take();
                if (batch == END) return;
                if (failure == null) {
                    if (!batch.objects().isEmpty()) upload(batch.objects());
                    announce(batch);
                }
            }
        } catch (Throwable t) {
            failure = t;
            queue.clear();
        }
    }

    /** Runs landed callbacks strictly in batch order, whichever worker finished first. */
    private synchronized void announce(Pending batch) {
        landedOutOfOrder.put(batch.seq(), batch.landed());
        while (failure == null && landedOutOfOrder.containsKey(nextToAnnounce)) {
            for (Runnable r : landedOutOfOrder.remove(nextToAnnounce)) r.run();
            nextToAnnounce++;
        }
    }

    /** Time spent in requests to the server, and time the encoder waited for the uploader (ms). */
    public String timings() {
        return "server requests " + serverNanos.get() / 1_000_000 + " ms, encoder waited " + blockedNanos / 1_000_000 + " ms";
    }

    private void upload(List<SealedObject> batch) {
        long t0 = System.nanoTime();
        try {
            uploadNow(batch);
        } finally {
            serverNanos.addAndGet(System.nanoTime() - t0);
        }
    }

    private void uploadNow(List<SealedObject> batch) {
        Set<ObjectId> missing = api.missing(batch.stream().map(SealedObject::id).toList());
        List<SealedObject> send = new ArrayList<>(missing.size());
        long bytes = 0;
        for (SealedObject o : batch) {
            if (missing.contains(o.id())) {
                send.add(o);
                bytes += o.body().length;
            }
        }
        skippedObjects.addAndGet(batch.size() - send.size());
        for (SealedObject o : batch) {
            if (!missing.contains(o.id()))
                skippedByBucket.computeIfAbsent(o.bucket(), b -> java.util.Collections.synchronizedList(new ArrayList<>())).add(o.id());
        }
        if (send.isEmpty()) return;
        api.upload(send);
        uploadedObjects.addAndGet(send.size());
        uploadedBytes.addAndGet(bytes);
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        if (t != null) throw new ClientException("upload failed: " + t.getMessage(), t);
    }

    @Override
    public void close() {
        if (workers.stream().anyMatch(Thread::isAlive)) {
            failure = failure == null ? new ClientException("backup abandoned") : failure;
            queue.clear();
            for (int i = 0; i < workers.size(); i++) queue.offer(END);
        }
    }
}
