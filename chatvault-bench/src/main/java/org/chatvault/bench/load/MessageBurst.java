package org.chatvault.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.client.local.ConversationSummary;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * A few minutes of chatting between two backups: new messages in one to three of the most
 * recent conversations, mostly the very latest, as a phone's backup would pick up.
 */
final class MessageBurst {
    private static final String[] LINES = {
            "ok 👍", "好的，明天见", "are we still on for tonight?", "刚到家", "哈哈哈哈", "sent you the file",
            "周末一起吃饭吗？", "running 10 min late, sorry", "收到", "can you call me when you're free",
            "这个价格还可以", "happy birthday!! 🎂", "I'll check and get back to you", "在开会，晚点回复", "lol",
    };

    private MessageBurst() {}

    /** Adds {@code count} text messages to {@code store}, timed from {@code now} on; ids start with {@code idPrefix}. */
    static void append(LocalStore store, SplittableRandom random, int count, long now, String idPrefix) {
        List<ConversationSummary> recent = store.recentConversations(10);
        if (recent.isEmpty()) throw new IllegalStateException("the device has no conversation to write in");
        int chats = Math.min(recent.size(), 1 + random.nextInt(3));
        List<Message> batch = new ArrayList<>(count);
        long at = now;
        for (int i = 0; i < count; i++) {
            // Squaring a uniform draw favours the top of the recent list: most talk is in the latest chat.
            double u = random.nextDouble();
            ConversationSummary c = recent.get((int) (u * u * chats));
            at = Math.max(at, c.lastActivity()) + 1 + random.nextInt(1_000);
            batch.add(Message.text(c.conversation().id(), idPrefix + i, at, sender(c.conversation(), random), LINES[random.nextInt(LINES.length)]));
        }
        store.addMessages(batch);
    }

    private static String sender(Conversation c, SplittableRandom random) {
        List<String> people = c.participants();
        return people.isEmpty() || random.nextBoolean() ? "me" : people.get(random.nextInt(people.size()));
    }
}
