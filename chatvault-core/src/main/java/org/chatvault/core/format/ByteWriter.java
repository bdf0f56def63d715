package org.chatvault.core.format;

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

    /**
     * varint byte length, then UTF-8, encoded straight into the buffer: a backup writes every
     * message's id, sender and text this way, and a temporary array per string was a fifth of its
     * encoding time. The bytes are those of {@code s.getBytes(UTF_8)}, including its
     * {@code '?'} for an unpaired surrogate.
     */
    public ByteWriter string(String s) {
        int n = s.length();
        int ascii = 0;
        while (ascii < n && s.charAt(ascii) < 0x80) ascii++;
        int utf8 = ascii == n ? n : ascii + utf8Length(s, ascii, n);
        varint(utf8);
        ensure(utf8);
        for (int i = 0; i < ascii; i++) buf[size++] = (byte) s.charAt(i);
        for (int i = ascii; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[size++] = (byte) c;
            } else if (c < 0x800) {
                buf[size++] = (byte) (0xC0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[size++] = (byte) (0xF0 | cp >> 18);
                buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                buf[size++] = '?';
            } else {
                buf[size++] = (byte) (0xE0 | c >> 12);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return this;
    }

    /** Bytes of {@code s[from, n)} in UTF-8 as {@link String#getBytes} writes it (an unpaired surrogate becomes one {@code '?'}). */
    private static int utf8Length(String s, int from, int n) {
        int len = n - from;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) continue;
            if (c < 0x800) len += 1;
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 2; // two chars, four bytes
                i++;
            } else if (!Character.isSurrogate(c)) len += 2;
        }
        return len;
    }

    public ByteWriter id(ObjectId id) {
        ensure(ObjectId.BYTES);
        id.writeTo(buf, size);
        size += ObjectId.BYTES;
        return this;
    }

    public int size() { return size; }

    public void reset() { size = 0; }

    /** Drops everything written after the first {@code size} bytes. */
    public void truncate(int size) {
        if (size < 0 || size > this.size) throw new IllegalArgumentException("cannot truncate " + this.size + " bytes to " + size);
        this.size = size;
    }

    /** Copies the bytes written so far into {@code dest} at {@code offset}. */
    public void copyTo(byte[] dest, int offset) { System.arraycopy(buf, 0, dest, offset, size); }

    public byte[] toByteArray() { return Arrays.copyOf(buf, size); }

    private void ensure(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }
}
