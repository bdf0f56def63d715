package org.chatvault.generator;

import java.util.SplittableRandom;

/**
 * The send times of one conversation, oldest first, in sessions: a burst of messages seconds
 * apart, then hours or days of quiet. Session starts are sorted uniform draws over the
 * conversation's active window, bent towards the present (recent history is denser) and nudged out
 * of the night in the conversation's time zone. Times come out one at a time, without buffering,
 * and are strictly increasing and never later than the end time: the n-th last message is clamped
 * to at most {@code endTime - (n - 1)}, which leaves room for the rest one millisecond apart.
 */
final class Timeline {
    private static final long HOUR = 3_600_000L;

    private final SplittableRandom r;
    private final long windowStart;
    private final long windowEnd;
    private final long endTime;
    private final double bend;
    private final double meanGap;
    private final int zoneOffsetHours;
    private long remaining;
    private long sessionsLeft;
    private double position;
    private long inSession;
    private double sessionGap;
    private long cursor;
    private boolean startedSession;

    /**
     * The times of {@code plan}'s messages, in its active window and time zone.
     *
     * @param rhythm its burst length and the pause between messages of a burst, before scaling to fit
     * @param bend   below 1; the smaller, the more activity is recent
     */
    Timeline(SplittableRandom r, ConversationPlan plan, long endTime, Rhythm rhythm, double bend) {
        long messages = plan.messages();
        this.r = r;
        this.windowStart = plan.windowStart();
        this.windowEnd = plan.windowEnd();
        this.endTime = endTime;
        this.bend = bend;
        this.zoneOffsetHours = plan.zoneOffsetHours();
        // A very busy chat types faster: bursts may take at most a fifth of its active window.
        this.meanGap = Math.min(rhythm.meanGapMs(), 0.2 * (windowEnd - windowStart) / Math.max(1, messages));
        this.remaining = messages;
        this.sessionsLeft = Math.max(1, Math.min(messages, Math.round(messages / rhythm.messagesPerSession())));
        this.cursor = windowStart - 1;
    }

    /** The next send time. */
    long next() {
        if (remaining <= 0) throw new IllegalStateException("no messages left on this timeline");
        startedSession = inSession == 0;
        long candidate;
        if (startedSession) {
            candidate = sessionStart();
            inSession = sessionLength();
            sessionsLeft--;
            // Some conversations are rapid-fire, some leisurely.
            double u = r.nextDouble();
            sessionGap = meanGap * (u < 0.3 ? 0.3 : u < 0.85 ? 1.0 : 4.0);
        } else {
            candidate = cursor + 1 + (long) (sessionGap * (0.15 + Picks.exponential(r)));
        }
        inSession--;
        remaining--;
        long t = Math.min(Math.max(candidate, cursor + 1), endTime - remaining);
        cursor = t;
        return t;
    }

    /** Whether the time last returned opened a new session. */
    boolean startedSession() { return startedSession; }

    private long sessionStart() {
        // The next of sessionsLeft sorted uniforms on [position, 1): the minimum of k uniforms is 1 - V^(1/k).
        double v = 1.0 - r.nextDouble();
        position += (1.0 - position) * (1.0 - StrictMath.exp(StrictMath.log(v) / sessionsLeft));
        long span = windowEnd - windowStart;
        long t = windowStart + (long) (span * StrictMath.pow(position, bend)) + r.nextInt(1000);
        // Few people chat between 1 and 7 in the morning: most such sessions move to the daytime.
        long localHour = Math.floorMod(Math.floorDiv(t, HOUR) + zoneOffsetHours, 24);
        if (localHour >= 1 && localHour < 7 && r.nextDouble() < 0.85) {
            long moved = t + (8 + r.nextInt(10)) * HOUR;
            if (moved <= windowEnd) t = moved;
        }
        return t;
    }

    private long sessionLength() {
        if (sessionsLeft <= 1) return remaining;
        double mean = (double) remaining / sessionsLeft;
        // Mostly short exchanges, now and then a long conversation; later sessions even it out.
        double u = r.nextDouble();
        double scaled = mean * (u < 0.55 ? 0.45 : u < 0.88 ? 1.0 : 3.2);
        long length = 1 + Picks.geometric(r, scaled - 1);
        return Math.min(length, remaining - (sessionsLeft - 1));
    }
}
