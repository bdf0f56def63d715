package org.chatvault.core.chunking;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One chunk of a stream: its position in the stream and its bytes, {@code buffer[bufferOffset,
 * bufferOffset + length)}. The buffer belongs to the {@link Chunker} and is overwritten by its next
 * call, so a chunk that must outlive that call is {@link #copy() copied}.
 */
public record Chunk(long offset, int length, byte[] buffer, int bufferOffset) {
    public Chunk {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
        Objects.checkFromIndexSize(bufferOffset, length, buffer.length);
    }

    /** The chunk's bytes in a new array of exactly {@code length} bytes. */
    public byte[] copy() {
        return Arrays.copyOfRange(buffer, bufferOffset, bufferOffset + length);
    }

    /** A read-only view of the chunk's bytes, valid as long as the chunk is. */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(buffer, bufferOffset, length).slice().asReadOnlyBuffer();
    }
}
