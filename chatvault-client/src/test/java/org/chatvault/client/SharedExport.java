package org.chatvault.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.client.importer.Importer;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * Another app's chat that keeps growing, whose export the simulation's devices import now and then
 * (issue 12): each import holds everything so far, some of it edited since the last one, and some
 * imports fail half way (an export cut short), which must leave nothing behind.
 */
final class SharedExport {
    static final Conversation CHAT = new Conversation("whatsapp-sim", ConversationKind.GROUP, "Imported chat", List.of("sim", "Mum", "Dad"));

    private final List<Message> messages = new ArrayList<>();
    private int next;

    /** The chat grows by a few messages (now and then one sent long ago), and now and then one is edited. */
    void grow(SplittableRandom random, long now) {
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            long sentAt = random.nextInt(6) == 0 ? now - random.nextLong(200L * 86_400_000) : now + i;
            String sender = List.of("sim", "Mum", "Dad").get(random.nextInt(3));
            messages.add(new Message(CHAT.id(), "wa-" + next++, sentAt, sender, MessageType.TEXT, "imported " + next + " " + random.nextInt(),
                    List.of(), null, null, null, false));
        }
        if (messages.size() > 3 && random.nextInt(3) == 0) {
            int at = random.nextInt(messages.size());
            Message m = messages.get(at);
            messages.set(at, new Message(m.conversationId(), m.id(), m.sentAt(), m.sender(), m.type(), "edited in the other app " + random.nextInt(),
                    m.attachments(), m.replyTo(), m.forwardedFrom(), now, false));
        }
    }

    List<Message> snapshot() { return List.copyOf(messages); }

    /** An importer of {@code export} that fails before its message {@code failBefore} (-1: never). */
    static Importer importer(List<Message> export, int failBefore) {
        return new Importer() {
            @Override public ImportFormat format() { return ImportFormat.WHATSAPP; }

            @Override public boolean recognizes(Path path) { return true; }

            @Override public void read(Path path, ImportOptions options, ImportSink sink) {
                sink.conversation(CHAT);
                for (int i = 0; i < export.size(); i++) {
                    if (i == failBefore) throw ImportException.at(path, "line " + (i + 1), "expected a message, found the end of a truncated file");
                    sink.message(export.get(i));
                }
            }
        };
    }
}
