package org.chatvault.server.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;

/** Real, sealed vault objects and batches of them, as a client would upload. */
public final class TestObjects {
    public static final int BUCKET = 202401;
    private final ObjectCodec codec;
    private final SplittableRandom random;

    public TestObjects(long seed) {
        this.random = new SplittableRandom(seed);
        try (MasterKey mk = MasterKey.generate(new SecureRandom())) {
            this.codec = new ObjectCodec(mk.deriveVaultKeys(), new SecureRandom());
        }
    }

    public SealedObject segment(int bucket, int plaintextBytes) {
        return codec.seal(ObjectKind.SEGMENT, bucket, randomBytes(plaintextBytes), false);
    }

    public SealedObject segment() { return segment(BUCKET, 200 + random.nextInt(2000)); }

    public List<SealedObject> segments(int n) {
        List<SealedObject> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(segment());
        return out;
    }

    /** A content object of any kind (a media chunk, a thumbnail …) holding {@code plaintextBytes} random bytes. */
    public SealedObject content(ObjectKind kind, int bucket, int plaintextBytes) {
        return codec.seal(kind, bucket, randomBytes(plaintextBytes), false);
    }

    public SealedObject root() {
        return codec.seal(ObjectKind.ROOT_MANIFEST, 0, ("root " + random.nextLong()).getBytes(StandardCharsets.UTF_8));
    }

    public SealedObject conversationIndex() {
        return codec.seal(ObjectKind.CONVERSATION_INDEX, 0, ("index " + random.nextLong()).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    public static byte[] batch(List<SealedObject> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("CVB1".getBytes(StandardCharsets.US_ASCII));
        for (SealedObject o : objects) out.writeBytes(frame(o, o.kind().code(), o.bucket()));
        return out.toByteArray();
    }

    public static byte[] batch(SealedObject... objects) { return batch(List.of(objects)); }

    /** One frame with the given header fields, so tests can lie in them. */
    public static byte[] frame(SealedObject o, int kindCode, int bucket) {
        ByteBuffer b = ByteBuffer.allocate(32 + 1 + 4 + 4 + o.body().length);
        b.put(o.id().toBytes()).put((byte) kindCode).putInt(bucket).putInt(o.body().length).put(o.body());
        return b.array();
    }
}
