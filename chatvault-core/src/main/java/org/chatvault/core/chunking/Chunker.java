package org.chatvault.core.chunking;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * Cuts a stream into FastCDC chunks with memory bounded by the buffer, whatever the stream's size.
 * The chunks are exactly those of {@link FastCdc#nextCut} applied to the whole input at once.
 *
 * <p>The buffer holds {@code max} bytes plus a read-ahead. Before each cut the unread tail is moved to
 * the front whenever fewer than {@code max} bytes are left, and the buffer is refilled: a cut is only
 * ever computed with {@code max} bytes in hand or at the true end of the stream. A larger read-ahead
 * means fewer, larger reads and proportionally less copying. Not thread-safe; the caller closes the
 * source.
 */
public final class Chunker {
    private interface Source {
        /** Like InputStream.read: -1 at end of stream. */
        int read(byte[] b, int off, int len) throws IOException;
    }

    private final FastCdc cdc;
    private final Source source;
    private final byte[] buf;
    private final int max;
    private int start;   // first byte of the next chunk in buf
    private int end;     // end of the valid bytes in buf
    private long offset; // stream offset of buf[start]
    private boolean eof;

    private Chunker(FastCdc cdc, Source source, int readAhead) {
        this.cdc = Objects.requireNonNull(cdc, "cdc");
        this.max = cdc.params().max();
        if (readAhead < 1 || (long) max + readAhead > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("read-ahead " + readAhead + " out of range");
        }
        this.source = source;
        this.buf = new byte[max + readAhead];
    }

    /** With a read-ahead of {@code max}: an 8 MiB buffer with the default parameters. */
    public static Chunker of(InputStream in, ChunkerParams params) {
        return of(in, new FastCdc(params), params.max());
    }

    public static Chunker of(InputStream in, FastCdc cdc, int readAhead) {
        Objects.requireNonNull(in, "in");
        return new Chunker(cdc, in::read, readAhead);
    }

    /**
     * A blocking channel, such as a FileChannel, with a read-ahead of {@code max}. Reads go straight
     * into the chunk buffer.
     */
    public static Chunker of(ReadableByteChannel ch, ChunkerParams params) {
        return of(ch, new FastCdc(params), params.max());
    }

    public static Chunker of(ReadableByteChannel ch, FastCdc cdc, int readAhead) {
        Objects.requireNonNull(ch, "ch");
        return new Chunker(cdc, new Source() {
            private ByteBuffer view;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (view == null || view.array() != b) view = ByteBuffer.wrap(b);
                view.limit(off + len).position(off);
                return ch.read(view);
            }
        }, readAhead);
    }

    /**
     * The next chunk, or {@code null} at the end of the stream. The returned chunk's bytes stay valid
     * until the next call. An empty stream has no chunks.
     */
    public Chunk next() throws IOException {
        if (end - start < max && !eof) refill();
        int len = end - start;
        if (len == 0) return null;
        int cut = cdc.nextCut(buf, start, len);
        Chunk c = new Chunk(offset, cut, buf, start);
        start += cut;
        offset += cut;
        return c;
    }

    private void refill() throws IOException {
        int left = end - start;
        System.arraycopy(buf, start, buf, 0, left);
        start = 0;
        end = left;
        while (end < buf.length) {
            int r = source.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
                return;
            }
            // A blocking source never returns 0 for a non-empty request; a non-blocking one would spin here.
            if (r == 0) throw new IOException("source returned no bytes: a non-blocking channel is not supported");
            end += r;
        }
    }
}
