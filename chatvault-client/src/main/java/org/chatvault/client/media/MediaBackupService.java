package org.chatvault.client.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.chatvault.client.ClientException;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupOptions;
import org.chatvault.client.backup.BatchUploader;
import org.chatvault.client.sync.Horizons;
import org.chatvault.client.sync.Puller;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.media.MediaPlan.Todo;
import org.chatvault.client.local.SyncState;
import org.chatvault.client.local.SyncState.BackedUpMedia;
import org.chatvault.client.local.SyncState.MediaKey;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.core.chunking.Chunk;
import org.chatvault.core.chunking.Chunker;
import org.chatvault.core.chunking.FastCdc;
import org.chatvault.core.format.CompressionPolicy;
import org.chatvault.core.format.FileRecipe;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.chatvault.core.format.StagedPlaintext;

/**
 * Backs up the content files and thumbnails of the LocalStore's attachments (docs/FORMAT.md,
 * media sections): small files as one object, larger ones as FastCDC chunks listed by a file
 * recipe, thumbnails first, newest media first. Runs after the text backup, against the head it
 * left.
 *
 * <p>Resumable at any point: a file is recorded as backed up once the batch holding its last
 * object has landed; after a crash, the file being uploaded is read and chunked again, and
 * {@code missing} keeps the chunks that had landed from going up twice. Work is committed in
 * rounds of a few thousand objects, so a long first upload becomes visible (and safe) in steps.
 */
public final class MediaBackupService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MediaBackupService.class);
    /** Object ids per commit round: well under the server's 10,000 ids per request. */
    static final int ROUND_OBJECTS = 6_000;
    private static final int RECIPES_PER_FETCH = 500;
    /** How many files may land before their "done" marks are written down in one transaction. */
    private static final int RECORD_EVERY = 64;
    public static final BackupOptions MEDIA_BATCHES = new BackupOptions(16 * 1024 * 1024, 4_000, 3);
    /** Sealing threads: hashing and encryption keep two cores busy. */
    private static final int SEAL_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Chunks being sealed at once, at most 4 MiB each. */
    private static final int SEALS_IN_FLIGHT = 8;

    public interface Listener {
        void started(int files, long bytes);

        void fileDone(long bytes);

        Listener NONE = new Listener() {
            @Override public void started(int files, long bytes) {}

            @Override public void fileDone(long bytes) {}
        };
    }

    public record Report(long version, int filesBackedUp, int thumbnailsBackedUp, int missingLocally, long bytesRead,
                         long objectsUploaded, long bytesUploaded, long objectsAlreadyPresent, int mediaIndexesWritten,
                         int commits, Duration elapsed, long serverMillis, long waitedForUploadMillis, int relabelled) {}

    private final Session session;
    private final LocalStore store;
    private final Clock clock;
    private final BackupOptions options;
    /** The account's keyed chunker (docs/FORMAT.md §12.2), built at the start of each run. */
    private FastCdc cdc;

    public MediaBackupService(Session session, LocalStore store, Clock clock) {
        this(session, store, clock, MEDIA_BATCHES);
    }

    public MediaBackupService(Session session, LocalStore store, Clock clock, BackupOptions options) {
        this.session = session;
        this.store = store;
        this.clock = clock;
        this.options = options;
    }

    /** A file whose objects have all landed, with every object id it uses (for the commit's added list). */
    private record Landed(BackedUpMedia media, List<ObjectId> objects) {}

    /** What a media backup would still send: files and thumbnails on this device not yet landed on the server. */
    public record Pending(int files, int thumbnails, long bytes, int missingLocally) {}

    /**
     * What the next media backup has to send, from this device's records alone (no server call):
     * after a run stopped half-way, what it did not get to.
     */
    public static Pending pending(LocalStore store) {
        Map<MediaKey, BackedUpMedia> have = new HashMap<>(store.syncState().backedUpMedia());
        org.chatvault.core.format.RetentionHorizon horizon = Horizons.known(store.syncState());
        have.values().removeIf(b -> horizon.expired(b.bucket())); // as run() does: needed again, it goes up again
        MediaPlan.Outstanding o = MediaPlan.read(store).outstanding(have, store.media());
        int files = (int) o.todo().stream().filter(t -> t.role() == MediaRef.Role.FILE).count();
        return new Pending(files, o.todo().size() - files, o.todo().stream().mapToLong(Todo::size).sum(), o.missingLocally());
    }

    public Report run(Listener listener) {
        long started = clock.millis();
        SyncState sync = store.syncState();
        // Media indexes are extended on top of the head: first take in what other devices wrote.
        VaultHead head = session.api().head();
        new Puller(session, store).pull(head);
        if (head.version() == 0)
            throw new ClientException("the vault is empty: back up the text first (chatvault backup does both)");
        // The plan leaves out media only expired months use. Media filed under an expired month may
        // be gone from the server: if a kept month uses it too, it goes up again rather than be relabelled.
        org.chatvault.core.format.RetentionHorizon horizon = Horizons.learn(sync, head, clock.millis());

        MediaPlan plan = MediaPlan.read(store);
        Map<MediaKey, BackedUpMedia> have = new HashMap<>(sync.backedUpMedia());
        have.values().removeIf(b -> horizon.expired(b.bucket()));
        int relabelled = relabel(plan, have);
        MediaPlan.Outstanding outstanding = plan.outstanding(have, store.media());
        List<Todo> todo = outstanding.todo();
        int missingLocally = outstanding.missingLocally();
        listener.started(todo.size(), todo.stream().mapToLong(Todo::size).sum());

        cdc = session.fastCdc();
        ObjectCodec codec = session.newCodec();
        Counters counters = new Counters();
        MediaCommitter committer = new MediaCommitter(session, store, options, plan);
        int next = 0;
        long version = head.version();
        do {
            List<Landed> round = new ArrayList<>();
            next = uploadRound(todo, next, have, round, counters, listener);
            for (Landed l : round) have.put(new MediaKey(l.media().ref().contentId(), l.media().ref().role()), l.media());
            List<ObjectId> objects = new ArrayList<>();
            for (Landed l : round) objects.addAll(l.objects());
            MediaCommitter.Result r = committer.commit(objects, have);
            counters.mediaIndexes += r.mediaIndexesWritten();
            if (r.committed()) counters.commits++;
            version = r.version();
        } while (next < todo.size());
        int fileCount = (int) todo.stream().filter(t -> t.role() == MediaRef.Role.FILE).count();
        return new Report(version, fileCount, todo.size() - fileCount, missingLocally, counters.bytesRead, counters.uploadedObjects,
                counters.uploadedBytes, counters.skippedObjects, counters.mediaIndexes, counters.commits,
                Duration.ofMillis(clock.millis() - started), counters.serverMillis, counters.waitedMillis, relabelled);
    }

    private static final class Counters {
        long bytesRead;
        long uploadedObjects;
        long uploadedBytes;
        long skippedObjects;
        int mediaIndexes;
        int commits;
        long serverMillis;
        long waitedMillis;
    }

    /**
     * Moves media that a newer message uses again (an old photo forwarded today) into that
     * message's month, so retention keeps it as long as the newest use: the file's object, and
     * for a large file its recipe's chunks too. Returns how many files and thumbnails moved.
     */
    private int relabel(MediaPlan plan, Map<MediaKey, BackedUpMedia> have) {
        Map<Integer, List<ObjectId>> idsByMonth = new HashMap<>();
        List<BackedUpMedia> moved = new ArrayList<>();
        List<BackedUpMedia> recipes = new ArrayList<>();
        Map<BackedUpMedia, Integer> target = new HashMap<>();
        for (MediaRef.Role role : MediaRef.Role.values()) {
            Map<String, MediaPlan.Need> needs = role == MediaRef.Role.FILE ? plan.files() : plan.thumbnails();
            for (MediaPlan.Need n : needs.values()) {
                BackedUpMedia b = have.get(new MediaKey(n.contentId(), role));
                if (b == null || b.bucket() >= n.month()) continue;
                idsByMonth.computeIfAbsent(n.month(), m -> new ArrayList<>()).add(b.ref().objectId());
                if (b.ref().shape() == MediaRef.Shape.RECIPE) recipes.add(b);
                target.put(b, n.month());
                moved.add(new BackedUpMedia(b.ref(), n.month()));
            }
        }
        if (moved.isEmpty()) return 0;
        ObjectFetcher fetcher = new ObjectFetcher(session.api(), session.newCodec(), new java.util.concurrent.atomic.AtomicLong());
        for (int i = 0; i < recipes.size(); i += RECIPES_PER_FETCH) {
            List<BackedUpMedia> part = recipes.subList(i, Math.min(recipes.size(), i + RECIPES_PER_FETCH));
            Map<ObjectId, byte[]> plain = fetcher.open(part.stream().map(b -> b.ref().objectId()).toList(), ObjectKind.FILE_RECIPE);
            for (BackedUpMedia b : part) {
                List<ObjectId> chunks = idsByMonth.get(target.get(b));
                for (FileRecipe.ChunkRef c : FileRecipe.decode(plain.get(b.ref().objectId())).chunks()) chunks.add(c.id());
            }
        }
        for (Map.Entry<Integer, List<ObjectId>> e : idsByMonth.entrySet()) {
            session.api().relabel(e.getKey(), new ArrayList<>(new LinkedHashSet<>(e.getValue())));
        }
        store.syncState().recordMediaLanded(moved);
        for (BackedUpMedia m : moved) have.put(new MediaKey(m.ref().contentId(), m.ref().role()), m);
        log.debug("relabelled {} media files and thumbnails into newer months", moved.size());
        return moved.size();
    }

    /** Uploads files from {@code todo[from]} until the round is full; returns where the next round starts. */
    private int uploadRound(List<Todo> todo, int from, Map<MediaKey, BackedUpMedia> have, List<Landed> round,
                            Counters counters, Listener listener) {
        SyncState sync = store.syncState();
        ConcurrentLinkedQueue<Landed> landed = new ConcurrentLinkedQueue<>();
        int i = from;
        int[] objects = {0};
        int sinceRecord = 0;
        try (BatchUploader uploader = new BatchUploader(session.api(), options);
             SealPipeline pipeline = new SealPipeline(session::newCodec, uploader, SEAL_THREADS, SEALS_IN_FLIGHT)) {
            for (; i < todo.size() && objects[0] < ROUND_OBJECTS; i++) {
                Todo t = todo.get(i);
                try {
                    seal(t, pipeline, counters, (ref, ids) -> {
                        Landed l = new Landed(new BackedUpMedia(ref, t.need().month()), ids);
                        uploader.afterLanded(() -> landed.add(l));
                        objects[0] += ids.size();
                    });
                } catch (NoSuchFileException e) {
                    log.warn("media file {} disappeared before it was backed up; skipped", t.need().contentId());
                    continue;
                } catch (IOException e) {
                    throw new ClientException("cannot read media file " + store.media().path(t.need().contentId()) + ": " + e.getMessage(), e);
                }
                listener.fileDone(t.size());
                if (++sinceRecord >= RECORD_EVERY) {
                    drain(landed, round, sync);
                    sinceRecord = 0;
                }
            }
            pipeline.drain();
            uploader.flush();
            // A chunk this run did not send because the server held it (another file shares it)
            // may sit in an older month: it takes the newest month of the files using it.
            for (Map.Entry<Integer, List<ObjectId>> e : uploader.skippedByBucket().entrySet()) {
                if (e.getKey() > 0) session.api().relabel(e.getKey(), List.copyOf(e.getValue()));
            }
            log.debug("media uploads: {}", uploader.timings());
            counters.uploadedObjects += uploader.uploadedObjects();
            counters.uploadedBytes += uploader.uploadedBytes();
            counters.skippedObjects += uploader.skippedObjects();
            counters.serverMillis += uploader.serverMillis();
            counters.waitedMillis += uploader.waitedMillis();
        }
        drain(landed, round, sync);
        return i;
    }

    private static void drain(ConcurrentLinkedQueue<Landed> landed, List<Landed> round, SyncState sync) {
        List<Landed> batch = new ArrayList<>();
        for (Landed l; (l = landed.poll()) != null; ) batch.add(l);
        if (batch.isEmpty()) return;
        sync.recordMediaLanded(batch.stream().map(Landed::media).toList());
        round.addAll(batch);
    }

    /** Told, in order, that all objects of a file are queued for upload: its ref and every object id it uses. */
    @FunctionalInterface
    private interface FileSealed {
        void accept(MediaRef ref, List<ObjectId> ids);
    }

    /** Queues one file or thumbnail as objects on {@code pipeline}; {@code done} runs once its last object is queued. */
    private void seal(Todo t, SealPipeline pipeline, Counters counters, FileSealed done) throws IOException {
        Path path = store.media().path(t.need().contentId());
        if (t.role() == MediaRef.Role.FILE && MediaRef.shapeFor(t.size()) == MediaRef.Shape.RECIPE) {
            sealChunked(t, path, pipeline, counters, done);
            return;
        }
        if (t.size() > ObjectCodec.MAX_PLAINTEXT) throw new IOException("a thumbnail of " + t.size() + " bytes is larger than one object may be");
        byte[] plain = Files.readAllBytes(path);
        counters.bytesRead += plain.length;
        if (t.role() == MediaRef.Role.FILE && MediaRef.shapeFor(plain.length) == MediaRef.Shape.RECIPE) {
            counters.bytesRead -= plain.length; // it grew since we looked: chunk it instead
            sealChunked(t, path, pipeline, counters, done);
            return;
        }
        ObjectKind kind = t.role() == MediaRef.Role.THUMBNAIL ? ObjectKind.THUMBNAIL : ObjectKind.MEDIA_CHUNK;
        Consumer<SealedObject> then =
                o -> done.accept(new MediaRef(t.need().contentId(), t.role(), MediaRef.Shape.SINGLE, o.id(), plain.length), List.of(o.id()));
        if (CompressionPolicy.shouldTryCompress(t.need().mime(), plain, 0, plain.length))
            pipeline.seal(kind, t.need().month(), plain, true, then);
        else
            pipeline.sealStaged(kind, t.need().month(), StagedPlaintext.copyOf(plain, 0, plain.length), then);
    }

    private void sealChunked(Todo t, Path path, SealPipeline pipeline, Counters counters, FileSealed done) throws IOException {
        int bucket = t.need().month();
        List<FileRecipe.ChunkRef> chunks = new ArrayList<>();
        List<ObjectId> ids = new ArrayList<>();
        long size = 0;
        Boolean compress = null;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Chunker chunker = Chunker.of(ch, cdc, cdc.params().max());
            for (Chunk c; (c = chunker.next()) != null; ) {
                // One decision per file, from its first chunk: a video does not turn into text half-way.
                if (compress == null) compress = CompressionPolicy.shouldTryCompress(t.need().mime(), c.buffer(), c.bufferOffset(), c.length());
                int length = c.length();
                Consumer<SealedObject> then = o -> {
                    ids.add(o.id());
                    chunks.add(new FileRecipe.ChunkRef(o.id(), length));
                };
                // The reader's buffer is reused for the next chunk: an incompressible chunk is
                // copied once, into the array its sealed body will be, and encrypted there.
                if (compress) pipeline.seal(ObjectKind.MEDIA_CHUNK, bucket, c.copy(), true, then);
                else pipeline.sealStaged(ObjectKind.MEDIA_CHUNK, bucket, StagedPlaintext.copyOf(c.buffer(), c.bufferOffset(), length), then);
                size += length;
            }
        }
        counters.bytesRead += size;
        long total = size;
        pipeline.then(() -> {
            if (MediaRef.shapeFor(total) == MediaRef.Shape.SINGLE) {
                // It shrank below the single-object size while we read it: store it the way its size says.
                try {
                    byte[] plain = Files.readAllBytes(path);
                    SealedObject o = pipeline.sealHere(ObjectKind.MEDIA_CHUNK, bucket, plain, false);
                    pipeline.addNow(o);
                    done.accept(new MediaRef(t.need().contentId(), MediaRef.Role.FILE, MediaRef.Shape.SINGLE, o.id(), plain.length), List.of(o.id()));
                } catch (IOException e) {
                    throw new ClientException("cannot read media file " + path + ": " + e.getMessage(), e);
                }
                return;
            }
            SealedObject recipe = pipeline.sealHere(ObjectKind.FILE_RECIPE, bucket, new FileRecipe(total, chunks).encode(), true);
            pipeline.addNow(recipe);
            List<ObjectId> all = new ArrayList<>(ids);
            all.add(recipe.id());
            done.accept(new MediaRef(t.need().contentId(), MediaRef.Role.FILE, MediaRef.Shape.RECIPE, recipe.id(), total), all);
        });
    }
}
