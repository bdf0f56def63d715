package org.chatvault.client.http;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.chatvault.client.ClientException;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;

/** The batch wire format of docs/API.md: {@code "CVB1" (id kind bucket length body)*}. */
public final class Batch {
    static final byte[] MAGIC = "CVB1".getBytes(StandardCharsets.US_ASCII);
    static final int FRAME_HEADER = ObjectId.BYTES + 1 + 4 + 4;
    static final int MAX_BODY = 8 * 1024 * 1024 + 64;

    private Batch() {}

    /**
     * A batch (magic, then per object its frame header and body) as a list of arrays that share
     * the objects' bodies instead of copying them into one: an upload of tens of MiB then costs no
     * extra copy.
     */
    public static List<byte[]> parts(List<SealedObject> objects) {
        List<byte[]> parts = new java.util.ArrayList<>(1 + 2 * objects.size());
        parts.add(MAGIC.clone());
        for (SealedObject o : objects) {
            parts.add(ByteBuffer.allocate(FRAME_HEADER).put(o.id().toBytes()).put((byte) o.kind().code()).putInt(o.bucket())
                    .putInt(o.body().length).array());
            parts.add(o.body());
        }
        return parts;
    }

    /** One object as fetched. */
    public record Frame(ObjectId id, ObjectKind kind, int bucket, byte[] body) {}

    public interface FrameSink { void accept(Frame f) throws IOException; }

    /** Reads frames until the end of the stream; a stream cut inside a frame is an error. */
    public static int decode(InputStream in, FrameSink sink) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] magic = d.readNBytes(4);
        if (!Arrays.equals(magic, MAGIC)) throw new ClientException("the server sent something that is not an object batch");
        byte[] header = new byte[FRAME_HEADER];
        int n = 0;
        while (true) {
            int first = d.read();
            if (first < 0) return n;
            header[0] = (byte) first;
            try {
                d.readFully(header, 1, FRAME_HEADER - 1);
                ByteBuffer h = ByteBuffer.wrap(header);
                byte[] id = new byte[ObjectId.BYTES];
                h.get(id);
                int kind = h.get();
                int bucket = h.getInt();
                int length = h.getInt();
                if (length < 0 || length > MAX_BODY) throw new ClientException("object batch frame of bad length " + length);
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
