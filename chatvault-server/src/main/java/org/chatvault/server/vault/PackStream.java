package org.chatvault.server.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import org.chatvault.protocol.batch.BatchFormat;

/**
 * A pack's bytes as a stream: the batch magic, then the chosen frames copied from the spool
 * file with positional reads. Building a pack this way costs one read of the spool (usually
 * still in the page cache) and no heap beyond one buffer.
 */
final class PackStream extends InputStream {
    private final FileChannel spool;
    private final List<SpooledFrame> frames;
    private int magicPos;
    private int frameIndex = -1;
    private long framePos;
    private long frameLeft;

    PackStream(FileChannel spool, List<SpooledFrame> frames) {
        this.spool = spool;
        this.frames = frames;
    }

    /** Pack size for {@code frames}. */
    static long length(List<SpooledFrame> frames) {
        long n = BatchFormat.MAGIC.length;
        for (SpooledFrame f : frames) n += f.frameBytes();
        return n;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (magicPos < BatchFormat.MAGIC.length) {
            int n = Math.min(len, BatchFormat.MAGIC.length - magicPos);
            System.arraycopy(BatchFormat.MAGIC, magicPos, b, off, n);
            magicPos += n;
            return n;
        }
        while (frameLeft == 0) {
            if (++frameIndex >= frames.size()) return -1;
            SpooledFrame f = frames.get(frameIndex);
            framePos = f.frameOffset();
            frameLeft = f.frameBytes();
        }
        int n = spool.read(ByteBuffer.wrap(b, off, (int) Math.min(len, frameLeft)), framePos);
        if (n < 0) throw new IOException("spool file shorter than its frames");
        framePos += n;
        frameLeft -= n;
        return n;
    }
}
