package org.chatvault.core.format;

import org.chatvault.core.crypto.ObjectCipher;

/**
 * A plaintext copied straight into the array that will become its sealed body: room for the
 * header, the size-class frame (length prefix, payload, zero padding), room for the tag. {@link
 * ObjectCodec#sealStaged} then encrypts it where it lies. A media chunk of several MiB thus costs
 * one array and one copy (out of the reader's buffer) on its way to the wire, where sealing a
 * plain array costs four (the copy, the padded frame, the ciphertext, the body). No compression:
 * for data known not to compress. Sealed once; the array then belongs to the sealed object.
 */
public final class StagedPlaintext {
    private byte[] buffer;
    private final int length;

    private StagedPlaintext(byte[] buffer, int length) {
        this.buffer = buffer;
        this.length = length;
    }

    /** Stages {@code src[off, off+len)}, at most {@link ObjectCodec#MAX_PLAINTEXT} bytes. */
    public static StagedPlaintext copyOf(byte[] src, int off, int len) {
        if (len < 0 || len > ObjectCodec.MAX_PLAINTEXT)
            throw new IllegalArgumentException("object plaintext of " + len + " bytes is not within 0.." + ObjectCodec.MAX_PLAINTEXT);
        java.util.Objects.checkFromIndexSize(off, len, src.length);
        byte[] b = new byte[ObjectCodec.HEADER_BYTES + SizeClasses.frameLength(len) + ObjectCipher.TAG_BYTES];
        int p = ObjectCodec.HEADER_BYTES;
        b[p] = (byte) (len >>> 24);
        b[p + 1] = (byte) (len >>> 16);
        b[p + 2] = (byte) (len >>> 8);
        b[p + 3] = (byte) len;
        System.arraycopy(src, off, b, payloadOffset(), len);
        return new StagedPlaintext(b, len);
    }

    /** The plaintext's length (without padding). */
    public int length() {
        return length;
    }

    static int payloadOffset() {
        return ObjectCodec.HEADER_BYTES + SizeClasses.LENGTH_BYTES;
    }

    /** Hands the array over to the one seal it is for. */
    byte[] take() {
        byte[] b = buffer;
        if (b == null) throw new IllegalStateException("this plaintext was sealed already: its array is the sealed body now");
        buffer = null;
        return b;
    }
}
