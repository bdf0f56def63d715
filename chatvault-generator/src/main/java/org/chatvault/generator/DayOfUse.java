package org.chatvault.generator;

import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/** A day of use on top of a history: new text messages spread over the chats used most recently. */
public final class DayOfUse {
    private DayOfUse() {}

    /** A chat with the time of its last message. */
    public record ActiveChat(Conversation conversation, long lastActivity) {}

    /**
     * {@code count} new messages, from {@code now} on and after each chat's last message, dealt
     * round-robin over {@code recent}; none when there is no chat.
     */
    public static List<Message> messages(List<ActiveChat> recent, int count, long now) {
        if (recent.isEmpty()) return List.of();
        List<Message> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ActiveChat c = recent.get(i % recent.size());
            long sentAt = Math.max(now, c.lastActivity() + 1) + i;
            String sender = c.conversation().participants().isEmpty() ? "me" : c.conversation().participants().get(0);
            batch.add(Message.text(c.conversation().id(), "new-" + now + "-" + i, sentAt, sender, "new message " + i + " 今天的新消息 👍"));
        }
        return batch;
    }
}
