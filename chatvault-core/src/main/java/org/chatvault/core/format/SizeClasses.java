package org.chatvault.core.format;

import org.chatvault.core.error.CorruptDataException;

/**
 * The size padding of format version 2 (docs/FORMAT.md §3.5.1): a payload is framed as
 * {@code length:u32 ‖ payload ‖ zero bytes}, the payload and its padding filling a size class,
 * so a body's length tells a server only the class, not the exact size of what it holds. The
 * frame is what AES-GCM encrypts, so the length and the padding are confidential and authenticated.
 *
 * <p>Classes: at least {@link #MIN_CLASS} bytes, then Padmé (Nikitin et al., PETS 2019): a length
 * {@code L} with {@code E = floor(log2 L)} is rounded up to a multiple of
 * {@code 2^(E − floor(log2 E) − 1)}, so only the top {@code floor(log2 E) + 1} bits of {@code L}
 * may be set. That costs under 6.25 % above the smallest class and under 3.2 % from 64 KiB on,
 * and leaves {@code O(log log L)} bits of the length visible. A power of two is its own class, so
 * the largest payload (8 MiB) needs no padding and no class goes past it.
 */
public final class SizeClasses {
    /** The bytes of the length prefix. */
    public static final int LENGTH_BYTES = 4;
    /** The smallest class: every payload up to this many bytes is padded to it, whatever it holds. */
    public static final int MIN_CLASS = 256;

    private SizeClasses() {}

    /** The class a payload of {@code payloadLength} bytes (0 … 8 MiB) is padded to. */
    public static int classOf(int payloadLength) {
        if (payloadLength < 0 || payloadLength > ObjectCodec.MAX_PLAINTEXT)
            throw new IllegalArgumentException("payload of " + payloadLength + " bytes is not within 0.." + ObjectCodec.MAX_PLAINTEXT);
        return payloadLength <= MIN_CLASS ? MIN_CLASS : (int) padme(payloadLength);
    }

    /** The frame a writer encrypts for a payload of {@code payloadLength} bytes: the prefix and the class. */
    public static int frameLength(int payloadLength) {
        return LENGTH_BYTES + classOf(payloadLength);
    }

    /** Padmé: {@code n} (≥ 2) rounded up so that only its top {@code floor(log2 E) + 1} significant bits may be set. */
    static long padme(long n) {
        int e = 63 - Long.numberOfLeadingZeros(n);          // E = floor(log2 n)
        int s = 32 - Integer.numberOfLeadingZeros(e);       // floor(log2 E) + 1
        long mask = (1L << (e - s)) - 1;
        return (n + mask) & ~mask;
    }

    /** {@code length:u32 ‖ payload ‖ zeros}, {@link #frameLength} bytes long. */
    static byte[] pad(byte[] payload) {
        byte[] frame = new byte[frameLength(payload.length)];
        int n = payload.length;
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(payload, 0, frame, LENGTH_BYTES, n);
        return frame;
    }

    /**
     * The payload inside a decrypted frame. Any frame length is accepted (the classes are the
     * writer's choice), but the prefix must fit the frame and every padding byte must be zero,
     * so one payload has exactly one frame of each length.
     *
     * @throws CorruptDataException naming {@code id} if the frame is malformed
     */
    static byte[] unpad(ObjectId id, byte[] frame) {
        if (frame.length < LENGTH_BYTES) throw malformed(id, "it is shorter than its length prefix");
        long n = ((frame[0] & 0xffL) << 24) | ((frame[1] & 0xff) << 16) | ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
        if (n > frame.length - LENGTH_BYTES) throw malformed(id, "its length prefix says " + n + " bytes but only " + (frame.length - LENGTH_BYTES) + " follow");
        int end = LENGTH_BYTES + (int) n;
        int nonZero = 0;
        for (int i = end; i < frame.length; i++) nonZero |= frame[i];
        if (nonZero != 0) throw malformed(id, "its padding is not all zero bytes");
        byte[] payload = new byte[(int) n];
        System.arraycopy(frame, LENGTH_BYTES, payload, 0, payload.length);
        return payload;
    }

    private static CorruptDataException malformed(ObjectId id, String why) {
        return new CorruptDataException("object " + id + " has malformed padding: " + why);
    }
}
