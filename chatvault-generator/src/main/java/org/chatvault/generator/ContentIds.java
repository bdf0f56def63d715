package org.chatvault.generator;

import java.util.SplittableRandom;

/**
 * Content ids for generated media: 64 hex digits, the shape of a SHA-256, drawn from the random
 * stream so that a seed fixes them and distinct media never collide in practice.
 */
final class ContentIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ContentIds() {}

    static String next(SplittableRandom r) {
        char[] c = new char[64];
        for (int word = 0; word < 4; word++) {
            long v = r.nextLong();
            for (int i = 0; i < 16; i++, v >>>= 4) c[word * 16 + i] = HEX[(int) (v & 15)];
        }
        return new String(c);
    }
}
