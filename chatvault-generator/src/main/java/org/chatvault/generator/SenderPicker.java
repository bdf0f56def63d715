package org.chatvault.generator;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who sends the next message. Speakers are listed most talkative first and drawn by a Zipf law,
 * so a few people carry a group; people also send several messages in a row, and in a direct chat
 * the other side answers.
 */
final class SenderPicker {
    private final List<String> speakers;
    private final Zipf talkativeness;
    private final double keepTalking;
    private int last = -1;

    SenderPicker(List<String> speakers, double zipfExponent, double keepTalking) {
        this.speakers = speakers;
        this.talkativeness = new Zipf(speakers.size(), zipfExponent);
        this.keepTalking = keepTalking;
    }

    String next(SplittableRandom r, boolean sessionStart) {
        if (last < 0 || sessionStart) last = talkativeness.sample(r);
        else if (r.nextDouble() >= keepTalking) last = speakers.size() == 2 ? 1 - last : talkativeness.sample(r);
        return speakers.get(last);
    }
}
