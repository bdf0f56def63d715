package org.chatvault.core.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable buffer with the primitive encodings of docs/FORMAT.md §4 (LEB128 varints, strings). */
public final class ByteWriter {
    private byte[] buf;
    private int size;

    public ByteWriter(int initialCapacity) { buf = new byte[Math.max(16, initialCapacity)]; }

    public ByteWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    /** Unsigned LEB128. */
    public ByteWriter varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    /** Zigzag then LEB128, for deltas that may be negative. */
    public ByteWriter svarint(long v) { return varint((v << 1) ^ (v >> 63)); }

    public ByteWriter bytes(byte[] b) { return bytes(b, 0, b.length); }

    public ByteWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    /** varint byte length, then UTF-8. */
    public ByteWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        return bytes(b);
    }

    public ByteWriter id(ObjectId id) {
        ensure(ObjectId.BYTES);
        id.writeTo(buf, size);
        size += ObjectId.BYTES;
        return this;
    }

    public int size() { return size; }

    public void reset() { size = 0; }

    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }

    private void ensure(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
}
