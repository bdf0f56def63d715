package org.chatvault.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/** Keeps everything generated and checks the sink contract as calls arrive. */
final class RecordingSink implements HistorySink {
    final Map<String, Conversation> conversations = new LinkedHashMap<>();
    final Map<String, List<Message>> messages = new LinkedHashMap<>();
    final List<Integer> batchSizes = new ArrayList<>();
    private final Set<String> finished = new HashSet<>();
    private String current;

    @Override
    public void conversation(Conversation c) {
        assertThat(conversations).as("conversation announced twice").doesNotContainKey(c.id());
        if (current != null) finished.add(current);
        conversations.put(c.id(), c);
        messages.put(c.id(), new ArrayList<>());
        current = c.id();
    }

    @Override
    public void messages(List<Message> batch) {
        assertThat(batch).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_BATCH);
        assertThat(current).as("messages before any conversation").isNotNull();
        List<Message> list = messages.get(current);
        for (Message m : batch) {
            assertThat(m.conversationId()).as("a batch holds the current conversation only").isEqualTo(current);
            if (!list.isEmpty()) {
                Message prev = list.getLast();
                assertThat(m.sentAt()).as("%s after %s", m.id(), prev.id()).isGreaterThan(prev.sentAt());
            }
            list.add(m);
        }
        batchSizes.add(batch.size());
    }

    long messageCount() { return messages.values().stream().mapToLong(List::size).sum(); }

    List<Message> allMessages() { return messages.values().stream().flatMap(List::stream).toList(); }
}
