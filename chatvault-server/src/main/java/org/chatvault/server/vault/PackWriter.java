package org.chatvault.server.vault;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.server.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the packs of one uploaded batch, one per time bucket. A batch of text history spans
 * dozens of months, so dozens of packs, and each put waits for its own fsync (file, then
 * directory): one after another, those waits were most of an upload's time. On a store whose
 * puts overlap ({@link ObjectStore#overlapsPuts}, the file system) the packs of a batch are
 * written at once on a small shared pool, so their fsyncs fold into a few journal commits (ext4
 * batches the fsyncs that arrive during a commit); elsewhere one after another, in bucket order.
 *
 * <p>Durability is unchanged: {@link #write} returns only after every pack's put returned, and
 * each put is durable on its own (the store's contract: data and rename synced). The caller
 * indexes the packs after that, and answers "stored" only after the index committed, so an
 * acknowledged object is on disk and named by a committed index row. If any pack fails, the
 * others are waited for and deleted before the failure leaves: nothing half-written is indexed,
 * and nothing written is left behind.
 */
final class PackWriter {
    private static final Logger log = LoggerFactory.getLogger(PackWriter.class);
    /** Puts in flight at once across all uploads: enough to fold fsyncs together, few enough for S3's connection pool. */
    static final int PARALLEL_PUTS = 8;
    /** Shared by every account's uploads; idle threads end, so a server (or a test) keeps none around. */
    private static final ThreadPoolExecutor POOL = pool();

    private final ObjectStore blobs;
    private final PackTiering tiering;

    PackWriter(ObjectStore blobs, PackTiering tiering) {
        this.blobs = blobs;
        this.tiering = tiering;
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(PARALLEL_PUTS, PARALLEL_PUTS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("chatvault-pack-write-", 0).daemon().factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Writes one pack per bucket of {@code byBucket}, durably, and returns them in bucket order;
     * adds the ids of the packs written to the cold tier to {@code coldPackIds}.
     */
    List<NewPack> write(String accountId, SpooledBatch batch, Map<Integer, List<SpooledFrame>> byBucket, Instant now,
                        List<String> coldPackIds) throws IOException {
        List<Planned> planned = new ArrayList<>(byBucket.size());
        for (Map.Entry<Integer, List<SpooledFrame>> e : byBucket.entrySet()) {
            long length = PackStream.length(e.getValue());
            boolean cold = tiering.cold(e.getKey(), length, now);
            String packId = UUID.randomUUID().toString();
            planned.add(new Planned(packId, ObjectService.packKey(accountId, packId), e.getKey(), e.getValue(), length, cold));
        }
        if (planned.size() == 1 || !blobs.overlapsPuts()) return writeInOrder(batch, planned, coldPackIds);
        batch.channel(); // opened here, once: the workers share it for positional reads
        List<Future<NewPack>> futures = new ArrayList<>(planned.size());
        for (Planned p : planned) futures.add(POOL.submit(() -> writeOne(batch, p)));
        List<NewPack> packs = new ArrayList<>(planned.size());
        Throwable failure = null;
        for (int i = 0; i < futures.size(); i++) {
            try {
                NewPack pack = await(futures.get(i));
                packs.add(pack);
                if (planned.get(i).cold()) coldPackIds.add(pack.packId());
            } catch (IOException | RuntimeException | Error e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure == null) return packs;
        // Not indexed, so invisible; delete the blobs that were written so they do not leak space.
        for (NewPack pack : packs) deleteQuietly(pack.storageKey());
        if (failure instanceof IOException io) throw io;
        if (failure instanceof RuntimeException r) throw r;
        throw (Error) failure;
    }

    /** One put after another, in bucket order; on a failure, the packs written so far are deleted. */
    private List<NewPack> writeInOrder(SpooledBatch batch, List<Planned> planned, List<String> coldPackIds) throws IOException {
        List<NewPack> packs = new ArrayList<>(planned.size());
        try {
            for (Planned p : planned) {
                NewPack pack = writeOne(batch, p);
                packs.add(pack);
                if (p.cold()) coldPackIds.add(pack.packId());
            }
            return packs;
        } catch (IOException | RuntimeException e) {
            for (NewPack pack : packs) deleteQuietly(pack.storageKey());
            throw e;
        }
    }

    private record Planned(String packId, String key, int bucket, List<SpooledFrame> frames, long length, boolean cold) {}

    private NewPack writeOne(SpooledBatch batch, Planned p) throws IOException {
        ObjectStore target = tiering.storeFor(blobs, p.cold());
        if (p.frames().equals(batch.frames())) {
            // Every frame is new and of one bucket (the common case for media): the spool file
            // is the pack byte for byte, so it moves into place instead of being copied.
            batch.handOver(file -> target.adopt(p.key(), file));
        } else {
            target.put(p.key(), new PackStream(batch.channel(), p.frames()), p.length());
        }
        List<ObjectEntry> entries = new ArrayList<>(p.frames().size());
        long pos = BatchFormat.MAGIC.length;
        for (SpooledFrame f : p.frames()) {
            entries.add(new ObjectEntry(f.id(), f.kind(), f.bucket(), pos + BatchFormat.FRAME_HEADER_BYTES, f.length()));
            pos += f.frameBytes();
        }
        return new NewPack(p.packId(), p.bucket(), p.key(), p.length(), entries);
    }

    private static NewPack await(Future<NewPack> f) throws IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IOException("writing a pack failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing packs");
        }
    }

    private void deleteQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete unused pack {}; it holds no indexed object and can be removed by hand", key, e);
        }
    }
}
