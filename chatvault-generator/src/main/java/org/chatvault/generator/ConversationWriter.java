package org.chatvault.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.core.model.Message;

/** Writes one planned conversation to a sink: the conversation, then its messages in batches. */
record ConversationWriter(MessageFactory messages, long endTime) {
    void write(ConversationPlan plan, HistorySink sink) {
        sink.conversation(plan.conversation());
        long n = plan.messages();
        if (n == 0) return;
        SplittableRandom r = new SplittableRandom(plan.seed());
        Rhythm rhythm = Rhythm.of(plan.conversation().kind());
        double bend = 0.4 + 0.4 * r.nextDouble();
        Timeline timeline = new Timeline(r, plan, endTime, rhythm, bend);
        SenderPicker senders = senders(plan);
        TypeMix mix = TypeMix.of(plan.conversation().kind());
        List<Message> batch = new ArrayList<>((int) Math.min(n, HistorySink.MAX_BATCH));
        for (long i = 0; i < n; i++) {
            long sentAt = timeline.next();
            String sender = senders.next(r, timeline.startedSession());
            batch.add(messages.create(r, plan, mix, i, sentAt, sender));
            if (batch.size() == HistorySink.MAX_BATCH) {
                sink.messages(batch);
                batch = new ArrayList<>((int) Math.min(n - i - 1, HistorySink.MAX_BATCH));
            }
        }
        if (!batch.isEmpty()) sink.messages(batch);
    }

    private static SenderPicker senders(ConversationPlan plan) {
        return switch (plan.conversation().kind()) {
            // the peer talks a little more than the owner; both often send a few lines in a row
            case DIRECT -> new SenderPicker(plan.speakers(), 0.3, 0.4);
            case GROUP -> new SenderPicker(plan.speakers(), 1.1, 0.3);
            case CHANNEL -> new SenderPicker(plan.speakers(), 1.5, 0.5);
        };
    }
}
