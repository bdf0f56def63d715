package org.chatvault.core.chunking;

import org.chatvault.core.format.ObjectCodec;

/**
 * FastCDC chunk-size parameters (docs/FORMAT.md §12). They are part of the format: other values
 * give other cut points, and chunks of the same file then no longer deduplicate.
 *
 * @param min no chunk but the last of a stream is shorter; the first {@code min} bytes of a chunk are skipped
 * @param avg the normalization point, a power of two; the masks are derived from {@code log2(avg)}
 * @param max a chunk is cut here at the latest
 */
public record ChunkerParams(int min, int avg, int max) {
    /** The product parameters: 256 KiB / 1 MiB / 4 MiB. */
    public static final ChunkerParams DEFAULT = new ChunkerParams(256 * 1024, 1024 * 1024, 4 * 1024 * 1024);

    /** Below this the skipped prefix is shorter than the hash window, and chunking stops paying off. */
    public static final int MIN_MIN = 64;

    public ChunkerParams {
        if (min < MIN_MIN) throw new IllegalArgumentException("min " + min + " < " + MIN_MIN);
        if (!(min < avg && avg < max)) throw new IllegalArgumentException("need min < avg < max, got " + min + "/" + avg + "/" + max);
        if (Integer.bitCount(avg) != 1) throw new IllegalArgumentException("avg " + avg + " is not a power of two");
        // every chunk must fit one sealed object
        if (max > ObjectCodec.MAX_PLAINTEXT) throw new IllegalArgumentException("max " + max + " > " + ObjectCodec.MAX_PLAINTEXT);
    }

    /** log2(avg): the number of mask bits a chunk of exactly the average size would call for. */
    public int avgBits() {
        return Integer.numberOfTrailingZeros(avg);
    }

    /** The stricter mask used before {@code avg}: the top {@code avgBits + 2} bits of the word. */
    public long maskS() {
        return topBits(avgBits() + 2);
    }

    /** The looser mask used from {@code avg} on: the top {@code avgBits - 2} bits of the word. */
    public long maskL() {
        return topBits(avgBits() - 2);
    }

    // The Gear hash shifts left, so a high bit depends on the most recent bytes (bit k on the last k+1):
    // the top bits see the widest window.
    private static long topBits(int n) {
        return -1L << (64 - n);
    }
}
