package org.chatvault.core.chunking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Inputs and helpers shared by the chunking tests. */
public final class TestData {
    private TestData() {
    }

    /** SplitMix64 from {@code seed}, each word little-endian: the input definition of docs/FORMAT.md §12.5. */
    public static byte[] splitMix64(long seed, int length) {
        byte[] out = new byte[length];
        long state = seed;
        for (int i = 0; i < length; i += 8) {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            for (int k = 0; k < 8 && i + k < length; k++) out[i + k] = (byte) (z >>> (8 * k));
        }
        return out;
    }

    /** End offsets of every chunk, through the array API. */
    static List<Long> arrayCuts(FastCdc cdc, byte[] data) {
        List<Long> cuts = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            pos += cdc.nextCut(data, pos, data.length - pos);
            cuts.add((long) pos);
        }
        return cuts;
    }

    /** End offsets of every chunk, through the streaming API. */
    static List<Long> streamCuts(Chunker chunker) throws IOException {
        List<Long> cuts = new ArrayList<>();
        for (Chunk c = chunker.next(); c != null; c = chunker.next()) cuts.add(c.offset() + c.length());
        return cuts;
    }

    /** Returns at most {@code step} bytes per read, as sockets and pipes do. */
    static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }
}
