package org.chatvault.client.importer.whatsapp;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.chatvault.client.importer.ImportException;
import org.chatvault.core.model.ConversationKind;

/**
 * The first reading of a chat: what must be known before its first message can be written — the date order,
 * who writes in it, and whether it is a group (more than two senders, or a system line only groups have).
 *
 * @param senders everyone who wrote a message, in the order they first did
 */
record ChatSurvey(DateOrder order, ConversationKind kind, List<String> senders) {

    /**
     * System lines that only a group has ("Mum created group", "Mum added Dad"), in the languages WhatsApp's markers are
     * read in; the gaps are bounded so that a long line cannot make the search slow.
     */
    private static final Pattern GROUP_LINE = Pattern.compile(
            "created group|created this group|changed the subject|changed this group's|changed the group|\\badded\\b|\\bremoved\\b"
                    + "|joined using this group's invite link|\\bleft$|hat die Gruppe|Gruppe .{1,100}erstellt|hat .{1,100} hinzugefügt|hat .{1,100} entfernt"
                    + "|creó el grupo|añadió a|eliminó a|创建了群组|创建群组|添加了|移除了|已退出");

    static ChatSurvey of(ChatArchive chat) throws IOException {
        DateOrder.Evidence evidence = new DateOrder.Evidence();
        Set<String> senders = new LinkedHashSet<>();
        boolean[] groupLine = {false};
        ChatScanner.scan(chat, raw -> {
            HeaderLine h = raw.header();
            String contradiction = evidence.add(h, raw.line(), chat::where);
            if (contradiction != null) throw ImportException.at(chat.file(), chat.where(raw.line()), contradiction);
            if (Body.byWhatsApp(h.sender(), raw.body(), h.ios(), chat::holds)) {
                if (!groupLine[0] && GROUP_LINE.matcher(raw.body()).find()) groupLine[0] = true;
            } else {
                senders.add(h.sender());
            }
        });
        ConversationKind kind = groupLine[0] || senders.size() > 2 ? ConversationKind.GROUP : ConversationKind.DIRECT;
        return new ChatSurvey(evidence.decide(), kind, List.copyOf(senders));
    }
}
