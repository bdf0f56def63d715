package org.chatvault.generator;

/**
 * What to generate. {@code endTime} (UTC epoch ms) is the newest possible message time; the caller
 * supplies it so that a seed alone fixes the output. History spans {@code years} back from it.
 *
 * @param seed           fixes the whole output
 * @param conversations  exact number of conversations (≥ 1)
 * @param messages       exact number of messages over all conversations (≥ 0)
 * @param endTime        no message is later than this
 * @param years          length of the history, ending at {@code endTime}
 * @param ephemeralShare probability that a message is ephemeral (burn after reading)
 */
public record GeneratorOptions(long seed, int conversations, long messages, long endTime, int years,
                               double ephemeralShare) {
    public static final int DEFAULT_YEARS = 3;
    public static final double DEFAULT_EPHEMERAL_SHARE = 0.005;
    static final long YEAR_MS = 31_556_952_000L; // 365.2425 days

    public GeneratorOptions {
        if (conversations < 1) throw new IllegalArgumentException("conversations must be at least 1");
        if (messages < 0) throw new IllegalArgumentException("messages must not be negative");
        if (years < 1 || years > 100) throw new IllegalArgumentException("years must be within 1..100");
        if (!(ephemeralShare >= 0 && ephemeralShare <= 1))
            throw new IllegalArgumentException("ephemeralShare must be within 0..1");
        if (endTime - years * YEAR_MS < 0) throw new IllegalArgumentException("history would start before 1970");
        // Strictly increasing times need at least a millisecond per message; ask for far more slack.
        if (messages > years * YEAR_MS / 1000) throw new IllegalArgumentException("too many messages for the history span");
    }

    /** Options with the default history length and ephemeral share. */
    public static GeneratorOptions of(long seed, int conversations, long messages, long endTime) {
        return new GeneratorOptions(seed, conversations, messages, endTime, DEFAULT_YEARS, DEFAULT_EPHEMERAL_SHARE);
    }

    public GeneratorOptions withYears(int years) {
        return new GeneratorOptions(seed, conversations, messages, endTime, years, ephemeralShare);
    }

    public GeneratorOptions withEphemeralShare(double share) {
        return new GeneratorOptions(seed, conversations, messages, endTime, years, share);
    }

    long historyStart() { return endTime - years * YEAR_MS; }
}
