package org.chatvault.client.media;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.chatvault.client.ClientException;
import org.chatvault.core.chunking.Chunk;
import org.chatvault.core.chunking.Chunker;
import org.chatvault.core.chunking.FastCdc;
import org.chatvault.core.format.CompressionPolicy;
import org.chatvault.core.format.StagedPlaintext;

/**
 * Reads and cuts large media files into FastCDC chunks on background threads, a file or two
 * ahead of the caller, who takes each file's chunks in order. Cutting (a pass over every byte)
 * and copying each chunk out of the read buffer were the one step of a media backup that ran on
 * a single thread; with two files in hand at once they use both cores, and the caller only hands
 * chunks on. Each file holds at most {@link #CHUNKS_AHEAD} chunks (4 MiB at most each) besides
 * its read buffer, which bounds memory.
 *
 * <p>A chunk of data that does not compress is staged straight into the array of its sealed body
 * ({@link StagedPlaintext}); otherwise it is a plain copy, for the codec to try compressing. As
 * before, one decision per file, from its first chunk.
 */
final class ChunkReader implements AutoCloseable {
    /** Chunks a file may have cut and waiting for the caller. */
    static final int CHUNKS_AHEAD = 4;

    /** A chunk's bytes: exactly one of {@code plain} and {@code staged} is set. */
    record Piece(int length, byte[] plain, StagedPlaintext staged) {}

    /** Ends a file's queue: its pieces are all there, or {@code failure} says why not. */
    private record End(IOException failure) {}

    private final FastCdc cdc;
    private final ExecutorService pool;
    private final Map<Integer, BlockingQueue<Object>> files = new HashMap<>();

    ChunkReader(FastCdc cdc, int threads) {
        this.cdc = cdc;
        this.pool = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform().name("chatvault-chunk").daemon().unstarted(r));
    }

    /** Starts reading the file that is item {@code index} of the caller's list, unless it has been started. */
    void start(int index, Path path, String mime) {
        files.computeIfAbsent(index, i -> {
            BlockingQueue<Object> q = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 1);
            pool.execute(() -> cut(path, mime, q));
            return q;
        });
    }

    /** The chunks of item {@code index}, in order, starting its read now if it was not started ahead. */
    Pieces take(int index, Path path, String mime) {
        start(index, path, mime);
        return new Pieces(files.remove(index));
    }

    /** One file's chunks, in order. */
    static final class Pieces {
        private final BlockingQueue<Object> queue;
        private boolean ended;

        private Pieces(BlockingQueue<Object> queue) {
            this.queue = queue;
        }

        /** The next chunk, or null after the last. @throws IOException as reading the file did */
        Piece next() throws IOException {
            if (ended) return null;
            Object o;
            try {
                o = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException("interrupted while reading media", e);
            }
            if (o instanceof Piece p) return p;
            ended = true;
            End end = (End) o;
            if (end.failure() != null) throw end.failure();
            return null;
        }
    }

    private void cut(Path path, String mime, BlockingQueue<Object> queue) {
        IOException failure = null;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Chunker chunker = Chunker.of(ch, cdc, cdc.params().max());
            Boolean compress = null;
            for (Chunk c; (c = chunker.next()) != null; ) {
                if (compress == null) compress = CompressionPolicy.shouldTryCompress(mime, c.buffer(), c.bufferOffset(), c.length());
                queue.put(compress ? new Piece(c.length(), c.copy(), null)
                        : new Piece(c.length(), null, StagedPlaintext.copyOf(c.buffer(), c.bufferOffset(), c.length())));
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            return; // closed: nobody is waiting for this file any more
        } catch (RuntimeException e) {
            failure = new IOException(e.getMessage(), e);
        }
        try {
            queue.put(new End(failure));
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Stops reading ahead: files started but not taken are abandoned. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
