package org.chatvault.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.chatvault.core.error.CorruptDataException;

/**
 * The plaintext of a FILE_RECIPE object, schema 1 (docs/FORMAT.md §13): a file's size and its
 * content-defined chunks in file order. Each chunk is a MEDIA_CHUNK object whose plaintext is
 * exactly that chunk's bytes, so the file is the concatenation of the chunks' plaintexts.
 */
public record FileRecipe(long size, List<ChunkRef> chunks) {
    public static final int SCHEMA = 1;
    /** id[32] plus a length varint of at least one byte. */
    static final int MIN_CHUNK_BYTES = ObjectId.BYTES + 1;

    /** One chunk: the id of its MEDIA_CHUNK object and its length in bytes. */
    public record ChunkRef(ObjectId id, int length) {
        public ChunkRef {
            Objects.requireNonNull(id, "id");
            // an empty chunk would be a second encoding of the same file; one over the cap cannot be sealed
            if (length < 1 || length > ObjectCodec.MAX_PLAINTEXT)
                throw new IllegalArgumentException("chunk length " + length + " is not in 1.." + ObjectCodec.MAX_PLAINTEXT);
        }
    }

    public FileRecipe {
        chunks = List.copyOf(chunks);
        if (size < 0) throw new IllegalArgumentException("negative file size " + size);
        long sum = 0;
        for (ChunkRef c : chunks) sum += c.length(); // ≤ 2^31 chunks × 2^23 bytes: cannot overflow
        if (sum != size) throw new IllegalArgumentException("chunk lengths add up to " + sum + ", not the file size " + size);
    }

    /** A recipe whose size is the sum of the chunk lengths. */
    public static FileRecipe of(List<ChunkRef> chunks) {
        long sum = 0;
        for (ChunkRef c : chunks) sum += c.length();
        return new FileRecipe(sum, chunks);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(16 + chunks.size() * (ObjectId.BYTES + 4));
        w.u8(SCHEMA).varint(size).varint(chunks.size());
        for (ChunkRef c : chunks) w.id(c.id()).varint(c.length());
        return w.toByteArray();
    }

    public static FileRecipe decode(byte[] plain) {
        ByteReader r = new ByteReader(plain);
        int schema = r.u8();
        if (schema != SCHEMA) throw new CorruptDataException("unsupported file recipe schema " + schema);
        long size = r.varint();
        if (size < 0) throw new CorruptDataException("file recipe size " + Long.toUnsignedString(size) + " is out of range");
        int n = r.count(MIN_CHUNK_BYTES);
        if ((n == 0) != (size == 0))
            throw new CorruptDataException("file recipe of " + size + " bytes lists " + n + " chunks");
        List<ChunkRef> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectId id = r.id();
            int length = r.varint32();
            if (length < 1 || length > ObjectCodec.MAX_PLAINTEXT)
                throw new CorruptDataException("file recipe chunk " + i + " has length " + length + ", not 1.." + ObjectCodec.MAX_PLAINTEXT);
            chunks.add(new ChunkRef(id, length));
        }
        r.expectEnd();
        try {
            return new FileRecipe(size, chunks);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("file recipe: " + e.getMessage());
        }
    }
}
