package org.chatvault.generator;

import static java.util.Map.entry;
import static org.chatvault.core.model.MessageType.*;

import java.util.Map;
import java.util.SplittableRandom;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.MessageType;

/**
 * How often each message type occurs in a kind of conversation. Direct chats and groups are mostly
 * text with stickers, photos and voice notes; channels post longer text, photos, videos and links.
 */
final class TypeMix {
    private static final MessageType[] TYPES = MessageType.values();
    private static final TypeMix DIRECT = new TypeMix(Map.ofEntries(entry(TEXT, 0.770), entry(IMAGE, 0.070),
            entry(VOICE, 0.040), entry(VIDEO, 0.015), entry(FILE, 0.010), entry(STICKER, 0.060), entry(LINK, 0.022),
            entry(LOCATION, 0.005), entry(SYSTEM, 0.006), entry(CONTACT, 0.002)));
    private static final TypeMix GROUP = new TypeMix(Map.ofEntries(entry(TEXT, 0.755), entry(IMAGE, 0.075),
            entry(VOICE, 0.025), entry(VIDEO, 0.020), entry(FILE, 0.012), entry(STICKER, 0.070), entry(LINK, 0.027),
            entry(LOCATION, 0.003), entry(SYSTEM, 0.010), entry(CONTACT, 0.001), entry(POLL, 0.002)));
    private static final TypeMix CHANNEL = new TypeMix(Map.ofEntries(entry(TEXT, 0.560), entry(IMAGE, 0.210),
            entry(VIDEO, 0.080), entry(FILE, 0.020), entry(LINK, 0.115), entry(SYSTEM, 0.005), entry(POLL, 0.010)));

    private final double[] cumulative = new double[TYPES.length];

    private TypeMix(Map<MessageType, Double> shares) {
        double sum = 0;
        for (int i = 0; i < TYPES.length; i++) cumulative[i] = sum += shares.getOrDefault(TYPES[i], 0.0);
        for (int i = 0; i < TYPES.length; i++) cumulative[i] /= sum;
    }

    static TypeMix of(ConversationKind kind) {
        return switch (kind) {
            case DIRECT -> DIRECT;
            case GROUP -> GROUP;
            case CHANNEL -> CHANNEL;
        };
    }

    MessageType pick(SplittableRandom r) {
        double u = r.nextDouble();
        for (int i = 0; i < TYPES.length; i++) if (u < cumulative[i]) return TYPES[i];
        return TEXT;
    }
}
