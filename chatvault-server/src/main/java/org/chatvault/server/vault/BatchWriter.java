package org.chatvault.server.vault;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.server.storage.ObjectStore;

/**
 * Streams located objects as a batch. Objects that sit close together in the same pack, in
 * request order, are read with one range request instead of one each (a restore fetching a
 * conversation's segments usually asks for them in the order they were uploaded); the small
 * gaps between them (stored frame headers, objects not asked for) are read and skipped, which
 * is cheaper than another round trip when the store is S3.
 */
final class BatchWriter {
    /** Largest gap read and thrown away rather than starting a new range request. */
    static final long MAX_GAP = 64 * 1024;
    private static final int COPY_BUFFER = 64 * 1024;

    private final ObjectStore objects;

    BatchWriter(ObjectStore objects) {
        this.objects = objects;
    }

    /** @return bytes written */
    long write(List<ObjectLocation> plan, OutputStream out) throws IOException {
        out.write(BatchFormat.MAGIC);
        long written = BatchFormat.MAGIC.length + writeFrames(plan, out);
        out.flush();
        return written;
    }

    /** Writes the objects' frames only, without the batch magic, for a batch streamed in parts; @return bytes written */
    long writeFrames(List<ObjectLocation> plan, OutputStream out) throws IOException {
        long written = 0;
        byte[] buf = new byte[COPY_BUFFER];
        int i = 0;
        while (i < plan.size()) {
            int end = runEnd(plan, i);
            ObjectLocation first = plan.get(i);
            ObjectLocation last = plan.get(end - 1);
            long start = first.offset();
            try (InputStream in = objects.getRange(first.storageKey(), start, last.offset() + last.length() - start)) {
                long pos = start;
                for (int j = i; j < end; j++) {
                    ObjectLocation o = plan.get(j);
                    in.skipNBytes(o.offset() - pos);
                    out.write(BatchFormat.frameHeader(o.id(), o.kind(), o.bucket(), o.length()));
                    copy(in, out, o.length(), buf);
                    pos = o.offset() + o.length();
                    written += BatchFormat.FRAME_HEADER_BYTES + (long) o.length();
                }
            }
            i = end;
        }
        return written;
    }

    /** End (exclusive) of the run of objects starting at {@code from} that one range read can serve. */
    static int runEnd(List<ObjectLocation> plan, int from) {
        ObjectLocation prev = plan.get(from);
        int j = from + 1;
        while (j < plan.size()) {
            ObjectLocation next = plan.get(j);
            long prevEnd = prev.offset() + prev.length();
            if (!next.storageKey().equals(prev.storageKey()) || next.offset() < prevEnd || next.offset() - prevEnd > MAX_GAP) break;
            prev = next;
            j++;
        }
        return j;
    }

    private static void copy(InputStream in, OutputStream out, long length, byte[] buf) throws IOException {
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new EOFException("pack ended " + left + " bytes early");
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
