package org.chatvault.client.verify;

/**
 * How deep verify goes. Text is always read whole; media structure (media indexes, file recipes)
 * always, and every media object's presence is checked. {@code readData} also fetches and
 * authenticates media chunks and thumbnails: all of them, or a seeded share of the files
 * ({@code sample} in (0, 1]) for vaults too large to read whole.
 */
public record VerifyOptions(boolean readData, double sample, long seed) {
    public static final VerifyOptions STRUCTURE = new VerifyOptions(false, 1, 0);
    public static final VerifyOptions READ_ALL = new VerifyOptions(true, 1, 0);

    public VerifyOptions {
        if (!(sample > 0 && sample <= 1)) throw new IllegalArgumentException("sample must be within (0, 1]");
    }
}
