package org.chatvault.generator;

import org.chatvault.core.model.ConversationKind;

/**
 * The pace of a kind of conversation: two people trade a handful of lines, a group talks over
 * itself in longer bursts, a channel posts once or twice and falls silent for hours.
 *
 * @param messagesPerSession mean burst length
 * @param meanGapMs          mean pause between messages of one burst
 */
record Rhythm(double messagesPerSession, double meanGapMs) {
    private static final Rhythm DIRECT = new Rhythm(6, 25_000);
    private static final Rhythm GROUP = new Rhythm(10, 15_000);
    private static final Rhythm CHANNEL = new Rhythm(1.5, 20 * 60_000);

    static Rhythm of(ConversationKind kind) {
        return switch (kind) {
            case DIRECT -> DIRECT;
            case GROUP -> GROUP;
            case CHANNEL -> CHANNEL;
        };
    }

    /** Room to leave before the end time so that a last burst still fits. */
    long tailRoomMs() { return (long) (messagesPerSession * meanGapMs * 4); }
}
