package org.chatvault.generator;

import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.model.ConversationKind;

/**
 * Generates a realistic synthetic chat history for tests and benchmarks: direct chats, groups
 * and channels with Zipf-distributed activity, bursty timing over several years, Chinese, English
 * and mixed text with emoji, stickers, media metadata, replies, forwards, edits and ephemeral
 * messages. The output is a pure function of the options: the same seed gives the same history.
 */
public final class HistoryGenerator {
    private HistoryGenerator() {}

    /**
     * Streams the history into {@code sink}: exactly {@code o.conversations()} conversations with
     * exactly {@code o.messages()} messages between them, conversation by conversation.
     */
    public static void generate(GeneratorOptions o, HistorySink sink) {
        SplittableRandom root = new SplittableRandom(o.seed());
        ConversationKind[] kinds = ConversationPlanner.kinds(root, o.conversations());
        People people = People.create(root, ConversationPlanner.populationSize(kinds));
        StickerSet stickers = new StickerSet(root);
        List<ConversationPlan> plans = ConversationPlanner.plan(o, people, kinds, root);
        MessageFactory messages = new MessageFactory(new MediaFactory(stickers), people, o.ephemeralShare(), o.endTime());
        ConversationWriter writer = new ConversationWriter(messages, o.endTime());
        for (ConversationPlan plan : plans) writer.write(plan, sink);
    }
}
