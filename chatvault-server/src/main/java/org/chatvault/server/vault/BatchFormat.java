package org.chatvault.server.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;

/**
 * The batch wire format of docs/API.md: {@code "CVB1"} then frames of
 * {@code id[32] kind:u8 bucket:u32 length:u32 body[length]}, integers big-endian. Packs on disk
 * use the same format, so a pack is a valid batch and the index could be rebuilt from packs alone.
 */
public final class BatchFormat {
    public static final byte[] MAGIC = "CVB1".getBytes(StandardCharsets.US_ASCII);
    public static final int FRAME_HEADER_BYTES = ObjectId.BYTES + 1 + 4 + 4;
    public static final int MAX_BODY_BYTES = ObjectCodec.MAX_PLAINTEXT + 64;
    public static final int MAX_FRAMES = 10_000;
    /** Enough of a body for {@link ObjectCodec#peekKind} to check magic, version and kind. */
    static final int PEEK_BYTES = ObjectCodec.MIN_BODY_BYTES;

    private BatchFormat() {}

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

    static byte[] frameHeader(ObjectId id, ObjectKind kind, int bucket, int length) {
        ByteBuffer b = ByteBuffer.allocate(FRAME_HEADER_BYTES);
        b.put(id.toBytes()).put((byte) kind.code()).putInt(bucket).putInt(length);
        return b.array();
    }
}
