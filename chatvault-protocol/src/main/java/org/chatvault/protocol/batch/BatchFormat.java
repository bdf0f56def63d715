package org.chatvault.protocol.batch;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;

/**
 * The batch wire format of docs/API.md, written and read by both sides: {@code "CVB1"} then
 * frames of {@code id[32] kind:u8 bucket:u32 length:u32 body[length]}, integers big-endian. The
 * server's packs on disk use the same format, so a pack is a valid batch.
 */
public final class BatchFormat {
    public static final byte[] MAGIC = "CVB1".getBytes(StandardCharsets.US_ASCII);
    public static final int FRAME_HEADER_BYTES = ObjectId.BYTES + 1 + 4 + 4;
    public static final int MAX_BODY_BYTES = ObjectCodec.MAX_PLAINTEXT + 64;
    public static final int MAX_FRAMES = 10_000;

    private BatchFormat() {}

    /** One object of a batch. */
    public record Frame(ObjectId id, ObjectKind kind, int bucket, byte[] body) {}

    /** Receives the frames of a batch as they are read. */
    @FunctionalInterface
    public interface FrameSink { void accept(Frame f) throws IOException; }

    /** The stream is not a batch, or a frame header is impossible; reading on cannot help. */
    public static final class MalformedBatchException extends RuntimeException {
        MalformedBatchException(String message) { super(message); }
    }

    /**
     * Content kinds carry the UTC month {@code yyyymm} of their newest message; structure kinds
     * carry 0, since retention never acts on them directly.
     */
    public static boolean validBucket(ObjectKind kind, int bucket) {
        return kind.bucketed() ? isMonth(bucket) : bucket == 0;
    }

    /** Whether {@code bucket} is a month {@code yyyymm} from 197001 to 999912. */
    public static boolean isMonth(int bucket) {
        int year = bucket / 100;
        int month = bucket % 100;
        return year >= 1970 && year <= 9999 && month >= 1 && month <= 12;
    }

    /** The header that precedes a body of {@code length} bytes. */
    public static byte[] frameHeader(ObjectId id, ObjectKind kind, int bucket, int length) {
        return ByteBuffer.allocate(FRAME_HEADER_BYTES).put(id.toBytes()).put((byte) kind.code()).putInt(bucket).putInt(length).array();
    }

    /**
     * A batch (magic, then per object its frame header and body) as a list of arrays that share
     * the objects' bodies instead of copying them into one: an upload of tens of MiB then costs no
     * extra copy.
     */
    public static List<byte[]> parts(List<SealedObject> objects) {
        List<byte[]> parts = new ArrayList<>(1 + 2 * objects.size());
        parts.add(MAGIC.clone());
        for (SealedObject o : objects) {
            parts.add(frameHeader(o.id(), o.kind(), o.bucket(), o.body().length));
            parts.add(o.body());
        }
        return parts;
    }

    /**
     * Reads frames until the end of the stream and returns how many there were.
     *
     * @throws MalformedBatchException if the stream does not start with the magic or a frame has an impossible length
     * @throws IOException if the stream ends inside a frame (a cut connection) or cannot be read
     */
    public static int read(InputStream in, FrameSink sink) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (!Arrays.equals(d.readNBytes(MAGIC.length), MAGIC)) throw new MalformedBatchException("the server sent something that is not an object batch");
        byte[] header = new byte[FRAME_HEADER_BYTES];
        int n = 0;
        while (true) {
            int first = d.read();
            if (first < 0) return n;
            header[0] = (byte) first;
            try {
                d.readFully(header, 1, FRAME_HEADER_BYTES - 1);
                ByteBuffer h = ByteBuffer.wrap(header);
                byte[] id = new byte[ObjectId.BYTES];
                h.get(id);
                int kind = h.get();
                int bucket = h.getInt();
                int length = h.getInt();
                if (length < 0 || length > MAX_BODY_BYTES) throw new MalformedBatchException("object batch frame of bad length " + length);
                byte[] body = new byte[length];
                d.readFully(body);
                sink.accept(new Frame(ObjectId.of(id), ObjectKind.fromCode(kind), bucket, body));
                n++;
            } catch (EOFException e) {
                throw new IOException("object batch was cut off after " + n + " objects", e);
            }
        }
    }
}
