package org.chatvault.core.format;

import java.nio.charset.StandardCharsets;
import org.chatvault.core.error.CorruptDataException;

/** Reads what {@link ByteWriter} writes, failing with {@link CorruptDataException} on bad input. */
public final class ByteReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public ByteReader(byte[] buf) { this(buf, 0, buf.length); }

    public ByteReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public int u8() {
        need(1);
        return buf[pos++] & 0xFF;
    }

    public long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) return v;
        }
        throw new CorruptDataException("varint too long");
    }

    public int varint32() {
        long v = varint();
        if (v < 0 || v > Integer.MAX_VALUE) throw new CorruptDataException("value out of range: " + v);
        return (int) v;
    }

    public long svarint() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    public String string() {
        int n = varint32();
        need(n);
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    public ObjectId id() {
        need(ObjectId.BYTES);
        ObjectId id = ObjectId.read(buf, pos);
        pos += ObjectId.BYTES;
        return id;
    }

    /** Guards collection sizes read from untrusted bytes before anything is allocated. */
    public int count(int minBytesPerItem) {
        int n = varint32();
        if ((long) n * minBytesPerItem > remaining()) throw new CorruptDataException("count " + n + " exceeds the data");
        return n;
    }

    public int remaining() { return end - pos; }

    public void expectEnd() {
        if (pos != end) throw new CorruptDataException((end - pos) + " unexpected trailing bytes");
    }

    private void need(int n) {
        if (n < 0 || pos + n > end) throw new CorruptDataException("truncated data");
    }
}
