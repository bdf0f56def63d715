package org.chatvault.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.chatvault.client.generate.GeneratorOptions;
import org.chatvault.client.generate.HistoryGenerator;
import org.chatvault.client.generate.HistorySink;
import org.chatvault.client.local.ConversationSummary;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/** Synthetic histories in a LocalStore, for the generate command, the demo and the benchmarks. */
public final class Histories {
    private Histories() {}

    /** Writes a generated history into {@code store}, reporting progress in messages. */
    public static void fill(LocalStore store, GeneratorOptions options, LongConsumer progress) {
        HistoryGenerator.generate(options, new HistorySink() {
            @Override public void conversation(Conversation c) { store.putConversation(c); }

            @Override public void messages(List<Message> batch) {
                store.addMessages(batch);
                progress.accept(batch.size());
            }
        });
    }

    /** Appends {@code count} new messages, from {@code now} on, spread over the 20 most recent chats: a day of use. */
    public static int appendRecent(LocalStore store, int count, long now) {
        List<ConversationSummary> recent = store.recentConversations(20);
        if (recent.isEmpty()) return 0;
        List<Message> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ConversationSummary c = recent.get(i % recent.size());
            long sentAt = Math.max(now, c.lastActivity() + 1) + i;
            String sender = c.conversation().participants().isEmpty() ? "me" : c.conversation().participants().get(0);
            batch.add(Message.text(c.conversation().id(), "new-" + now + "-" + i, sentAt, sender, "new message " + i + " 今天的新消息 👍"));
        }
        store.addMessages(batch);
        return count;
    }
}
