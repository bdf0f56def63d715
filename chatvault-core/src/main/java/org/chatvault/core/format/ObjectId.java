package org.chatvault.core.format;

import java.util.Arrays;
import org.chatvault.core.crypto.Bytes;

/** A 32-byte object id, written as 64 lowercase hex characters on the wire. */
public final class ObjectId implements Comparable<ObjectId> {
    public static final int BYTES = 32;
    private final byte[] bytes;
    private final int hash;

    private ObjectId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static ObjectId of(byte[] bytes) {
        if (bytes.length != BYTES) throw new IllegalArgumentException("object id must be 32 bytes");
        return new ObjectId(bytes.clone());
    }

    public static ObjectId read(byte[] src, int off) {
        return new ObjectId(Arrays.copyOfRange(src, off, off + BYTES));
    }

    public static boolean isValidHex(String s) {
        if (s == null || s.length() != 2 * BYTES) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }

    public static ObjectId parse(String hex) {
        if (!isValidHex(hex)) throw new IllegalArgumentException("malformed object id: expected 64 lowercase hex characters");
        return new ObjectId(Bytes.unhex(hex));
    }

    public byte[] toBytes() { return bytes.clone(); }

    public void writeTo(byte[] dst, int off) { System.arraycopy(bytes, 0, dst, off, BYTES); }

    public String hex() { return Bytes.hex(bytes); }

    @Override public boolean equals(Object o) {
        return o instanceof ObjectId other && Arrays.equals(bytes, other.bytes);
    }

    @Override public int hashCode() { return hash; }

    @Override public int compareTo(ObjectId o) { return Arrays.compareUnsigned(bytes, o.bytes); }

    @Override public String toString() { return hex(); }
}
