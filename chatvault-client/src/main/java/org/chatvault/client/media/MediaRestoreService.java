package org.chatvault.client.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.ClientException;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.client.local.MediaFiles;
import org.chatvault.client.local.MediaUse;
import org.chatvault.client.local.SyncState;
import org.chatvault.client.local.SyncState.BackedUpMedia;
import org.chatvault.client.local.SyncState.MediaKey;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.client.vault.VaultReader;
import org.chatvault.core.format.FileRecipe;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.Months;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;

/**
 * Restores media after the text (DESIGN.md §6): thumbnails first, then full files, newest first,
 * or a single file on demand. Every file is written whole or not at all, so a restore killed at
 * any point resumes by skipping the files already there. Memory stays bounded whatever the file
 * size: a large file is fetched a few chunks at a time and streamed to disk in order.
 */
public final class MediaRestoreService {
    /** Bytes of chunks fetched per request while streaming a large file. */
    private static final long FETCH_BYTES = 32L * 1024 * 1024;
    /** Small objects (thumbnails, small files) fetched per request. */
    private static final int FETCH_SMALL = 500;

    public interface Listener {
        void stage(String name, int items, long bytes);

        void itemDone(long bytes);

        Listener NONE = new Listener() {
            @Override public void stage(String name, int items, long bytes) {}

            @Override public void itemDone(long bytes) {}
        };
    }

    /**
     * @param files           restore full files too, not only thumbnails
     * @param sinceMonth      only media used in this yyyymm month or later (0: all)
     * @param conversationIds only media of these conversations (empty: all)
     */
    public record Options(boolean files, int sinceMonth, Set<String> conversationIds) {
        public static final Options ALL = new Options(true, 0);

        public Options {
            conversationIds = Set.copyOf(conversationIds);
        }

        /** Media of every conversation. */
        public Options(boolean files, int sinceMonth) { this(files, sinceMonth, Set.of()); }
    }

    /**
     * What a media restore did. {@code unrestored} names each file or thumbnail the vault could not
     * give back (missing or damaged there): which file, in which conversation, why.
     */
    public record Report(int thumbnails, int files, int alreadyPresent, long bytesWritten, long bytesFetched, Duration elapsed,
                         List<String> unrestored) {
        public Report {
            unrestored = List.copyOf(unrestored);
        }
    }

    private static final int WRITERS = 4;

    private final VaultReader vault;
    private final LocalStore store;
    private final Clock clock;
    /** What this run could not restore, one line each. */
    private final List<String> lost = java.util.Collections.synchronizedList(new ArrayList<>());

    public MediaRestoreService(VaultReader vault, LocalStore store, Clock clock) {
        this.vault = vault;
        this.store = store;
        this.clock = clock;
    }

    public Report run(Options options, Listener listener) {
        long started = clock.millis();
        AtomicLong fetched = new AtomicLong();
        ObjectFetcher fetcher = new ObjectFetcher(vault.objects(), vault.newCodec(), fetched);
        SyncState sync = store.syncState();
        Set<String> only = options.conversationIds();
        MediaCatalog catalog = only.isEmpty() ? MediaCatalog.load(sync, fetcher) : MediaCatalog.load(sync, fetcher, (c, month) -> only.contains(c));
        int[] present = {0};
        long[] written = {0};
        lost.clear();
        int thumbnails;
        int files;
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> Thread.ofPlatform().name("chatvault-media-write").daemon().unstarted(r));
        try {
            thumbnails = restore(catalog.newestFirst(MediaRef.Role.THUMBNAIL, options.sinceMonth()), "thumbnails", fetcher,
                    writers, listener, present, written);
            files = options.files()
                    ? restore(catalog.newestFirst(MediaRef.Role.FILE, options.sinceMonth()), "files", fetcher, writers, listener, present, written)
                    : 0;
        } finally {
            writers.shutdownNow();
        }
        return new Report(thumbnails, files, present[0], written[0], fetched.get(), Duration.ofMillis(clock.millis() - started), lost);
    }

    /**
     * Fetches one file (or thumbnail) now, whether or not a restore fetched it already.
     *
     * @return where it is on disk
     * @throws ClientException if the vault head references no such content
     */
    public Path fetchOne(String contentId) {
        AtomicLong fetched = new AtomicLong();
        ObjectFetcher fetcher = new ObjectFetcher(vault.objects(), vault.newCodec(), fetched);
        // The messages that use it name the few media indexes to read; all of them only if none here does.
        Set<String> places = new HashSet<>();
        for (MediaUse u : store.mediaUsesOf(contentId)) places.add(u.conversationId() + "\u001f" + Months.of(u.sentAt()));
        MediaCatalog.Entry entry = places.isEmpty() ? null
                : find(MediaCatalog.load(store.syncState(), fetcher, (c, m) -> places.contains(c + "\u001f" + m)), contentId);
        if (entry == null) entry = find(MediaCatalog.load(store.syncState(), fetcher), contentId);
        if (entry == null) throw new ClientException("the vault holds no file or thumbnail with content id " + contentId);
        writeFile(entry.ref(), fetcher);
        store.syncState().recordMediaLanded(List.of(new BackedUpMedia(entry.ref(), entry.month())));
        return store.media().path(contentId);
    }

    private static MediaCatalog.Entry find(MediaCatalog catalog, String contentId) {
        MediaCatalog.Entry file = catalog.entries().get(new MediaKey(contentId, MediaRef.Role.FILE));
        return file != null ? file : catalog.entries().get(new MediaKey(contentId, MediaRef.Role.THUMBNAIL));
    }

    private int restore(List<MediaCatalog.Entry> entries, String stage, ObjectFetcher fetcher, ExecutorService writers, Listener listener,
                        int[] present, long[] written) {
        MediaFiles media = store.media();
        List<MediaCatalog.Entry> todo = new ArrayList<>();
        long bytes = 0;
        for (MediaCatalog.Entry e : entries) {
            if (!MediaFiles.validId(e.ref().contentId())) continue; // a name this device cannot store; never a path
            if (media.size(e.ref().contentId()).orElse(-1L) == e.ref().size()) present[0]++;
            else {
                todo.add(e);
                bytes += e.ref().size();
            }
        }
        listener.stage(stage, todo.size(), bytes);
        List<BackedUpMedia> done = new ArrayList<>();
        List<MediaCatalog.Entry> singles = new ArrayList<>();
        for (MediaCatalog.Entry e : todo) {
            if (e.ref().shape() == MediaRef.Shape.SINGLE) {
                singles.add(e);
                if (singles.size() >= FETCH_SMALL) writeSingles(singles, fetcher, writers, listener, done, written);
            } else {
                try {
                    writeFile(e.ref(), fetcher);
                } catch (CorruptDataException | ClientException ex) {
                    if (ex instanceof ServerRefusedException a && a.status() != 404) throw ex;
                    lose(e.ref(), ex.getMessage());
                    continue;
                }
                written[0] += e.ref().size();
                listener.itemDone(e.ref().size());
                done.add(new BackedUpMedia(e.ref(), e.month()));
            }
        }
        writeSingles(singles, fetcher, writers, listener, done, written);
        // What a restore fetched is in the vault: this device's next media backup need not upload it.
        store.syncState().recordMediaLanded(done);
        return todo.size();
    }

    private void writeSingles(List<MediaCatalog.Entry> singles, ObjectFetcher fetcher, ExecutorService writers, Listener listener,
                              List<BackedUpMedia> done,
                              long[] written) {
        if (singles.isEmpty()) return;
        ObjectKind kind = singles.getFirst().ref().objectKind();
        List<ObjectId> ids = new ArrayList<>();
        for (MediaCatalog.Entry e : singles) ids.add(e.ref().objectId());
        // Thumbnails and files are restored in separate stages, so one call holds one kind.
        ObjectFetcher.Available got = fetcher.openAvailable(ids, kind);
        Map<ObjectId, byte[]> plain = got.opened();
        for (java.util.Iterator<MediaCatalog.Entry> it = singles.iterator(); it.hasNext(); ) {
            MediaCatalog.Entry e = it.next();
            byte[] bytes = plain.get(e.ref().objectId());
            String why = bytes == null ? got.unreadable().getOrDefault(e.ref().objectId(), "not fetched")
                    : bytes.length != e.ref().size() ? bytes.length + " bytes in the vault where its index says " + e.ref().size() : null;
            if (why != null) {
                lose(e.ref(), why);
                it.remove();
            }
        }
        // Each small file waits for its own fsync; several at once keep the disk busy instead of idle between them.
        List<java.util.concurrent.Future<?>> writes = new ArrayList<>(singles.size());
        for (MediaCatalog.Entry e : singles) {
            byte[] bytes = plain.get(e.ref().objectId());
            writes.add(writers.submit(() -> write(e.ref().contentId(), out -> out.write(bytes))));
        }
        for (int i = 0; i < writes.size(); i++) {
            await(writes.get(i));
            MediaCatalog.Entry e = singles.get(i);
            written[0] += e.ref().size();
            listener.itemDone(e.ref().size());
            done.add(new BackedUpMedia(e.ref(), e.month()));
        }
        singles.clear();
    }

    /** Records a file or thumbnail the vault could not give back, named as the user knows it. */
    private void lose(MediaRef ref, String why) {
        String name = ref.contentId(), where = "";
        for (org.chatvault.client.local.MediaUse u : store.mediaUsesOf(ref.contentId())) {
            var place = store.findAttachment(u.conversationId(), ref.contentId());
            if (place.isPresent()) {
                name = place.get().name().isEmpty() ? ref.contentId() : place.get().name();
                where = " in conversation \"" + store.conversation(u.conversationId()).map(c -> c.title()).orElse(u.conversationId()) + "\"";
                break;
            }
        }
        lost.add((ref.role() == MediaRef.Role.THUMBNAIL ? "thumbnail of " : "file ") + "\"" + name + "\" (" + ref.contentId() + ")" + where + ": " + why);
    }

    /** Streams one file to disk: a single object, or its recipe's chunks a few at a time, in order. */
    private void writeFile(MediaRef ref, ObjectFetcher fetcher) {
        if (ref.shape() == MediaRef.Shape.SINGLE) {
            byte[] bytes = fetcher.openOne(ref.objectId(), ref.objectKind());
            if (bytes.length != ref.size())
                throw new ClientException("media " + ref.contentId() + " is " + bytes.length + " bytes in the vault, its index says " + ref.size());
            write(ref.contentId(), out -> out.write(bytes));
            return;
        }
        FileRecipe recipe = FileRecipe.decode(fetcher.openOne(ref.objectId(), ObjectKind.FILE_RECIPE));
        if (recipe.size() != ref.size())
            throw new ClientException("media " + ref.contentId() + ": its recipe lists " + recipe.size() + " bytes, its index says " + ref.size());
        write(ref.contentId(), out -> {
            List<FileRecipe.ChunkRef> group = new ArrayList<>();
            long groupBytes = 0;
            for (FileRecipe.ChunkRef c : recipe.chunks()) {
                group.add(c);
                groupBytes += c.length();
                if (groupBytes >= FETCH_BYTES) {
                    writeChunks(group, fetcher, out);
                    group.clear();
                    groupBytes = 0;
                }
            }
            writeChunks(group, fetcher, out);
        });
    }

    private static void writeChunks(List<FileRecipe.ChunkRef> group, ObjectFetcher fetcher, OutputStream out) throws IOException {
        if (group.isEmpty()) return;
        // A file may use the same chunk twice (repeated content); fetch it once.
        List<ObjectId> ids = new ArrayList<>(new java.util.LinkedHashSet<>(group.stream().map(FileRecipe.ChunkRef::id).toList()));
        Map<ObjectId, byte[]> plain = fetcher.open(ids, ObjectKind.MEDIA_CHUNK);
        for (FileRecipe.ChunkRef c : group) {
            byte[] bytes = plain.get(c.id());
            if (bytes.length != c.length())
                throw new IOException("chunk " + c.id().hex() + " is " + bytes.length + " bytes, the recipe says " + c.length());
            out.write(bytes);
        }
    }

    private static void await(java.util.concurrent.Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while writing media", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new ClientException("writing media failed: " + e.getCause(), e.getCause());
        }
    }

    private void write(String contentId, MediaFiles.Writer writer) {
        try {
            store.media().write(contentId, writer);
        } catch (IOException e) {
            throw new ClientException("cannot write media file " + store.media().path(contentId) + ": " + e.getMessage(), e);
        }
    }
}
