package org.chatvault.client.importer.qq;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportIds;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;

/**
 * Reads QQ's export line by line. A message is its first line ({@link QqHeaderLine}) and the body
 * lines after it; a body may hold blank lines, so a line that looks like a message's first line
 * starts a new message only after a blank line (or when the body so far is empty), and a
 * {@code 消息分组:} / {@code 消息对象:} line starts a new chat only after a {@code =====} line. Blank
 * lines at the end of a body separate it from the next message and are not part of it.
 */
final class QqChatReader {
    static final String TITLE = "消息记录";
    private static final Pattern SEPARATOR = Pattern.compile("={10,}");
    private static final Pattern BLOCK = Pattern.compile("(消息分组|消息对象)\\s*[:：]\\s*(.*)");

    private final Path file;
    private final ZoneId zone;
    private final ImportSink sink;
    private int lineNumber;
    private boolean sawTitle;
    private String group = "";
    private Chat chat;
    private final List<String> pending = new ArrayList<>();
    private boolean pendingBlank;
    private boolean pendingSeparator;
    private QqHeaderLine header;
    private final StringBuilder body = new StringBuilder();
    private boolean bodyStarted;
    /** Identical messages (same time, sender, body) earlier at the current time: they stay distinct messages. */
    private final Map<String, Integer> sameAtThisTime = new HashMap<>();
    private String sameTime = "";

    /** One chat of the file; announced with its first message and again with everyone who wrote in it. */
    private static final class Chat {
        final String id;
        final String group;
        final String title;
        final Set<String> participants = new LinkedHashSet<>();
        boolean hasMessages;
        int announcedParticipants = -1;

        Chat(String group, String title) {
            this.id = "qq-" + ImportIds.hash(group, title);
            this.group = group;
            this.title = title;
        }

        Conversation conversation() {
            boolean groupChat = group.contains("群") || group.contains("讨论组") || participants.size() > 2;
            return new Conversation(id, groupChat ? ConversationKind.GROUP : ConversationKind.DIRECT, title, List.copyOf(participants));
        }
    }

    QqChatReader(Path file, ZoneId zone, ImportSink sink) {
        this.file = file;
        this.zone = zone;
        this.sink = sink;
    }

    int lineNumber() { return lineNumber; }

    void line(String line) {
        lineNumber++;
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
        if (line.isBlank()) {
            pending.add(line);
            pendingBlank = true;
            return;
        }
        if (line.indexOf('=') >= 0 && SEPARATOR.matcher(line.strip()).matches()) {
            pending.add(line);
            pendingSeparator = true;
            return;
        }
        Matcher block = line.indexOf('消') >= 0 ? BLOCK.matcher(line.strip()) : null;
        QqHeaderLine next;
        if (block != null && block.matches() && (header == null || pendingSeparator)) {
            finishMessage();
            startBlock(block.group(1), block.group(2).strip());
        } else if (header == null && chat == null && !sawTitle && line.strip().startsWith(TITLE)) {
            sawTitle = true;
        } else if ((header == null || pendingBlank || !bodyStarted) && (next = messageLine(line)) != null) {
            finishMessage();
            startMessage(next);
        } else if (header == null) {
            throw ImportException.at(file, "line " + lineNumber, chat == null
                    ? "expected QQ's header ('" + TITLE + "', then '消息分组:' and '消息对象:' lines), found '" + shown(line) + "'"
                    : "expected a message's first line like '2024-01-05 9:03:12 张三(123456)', found '" + shown(line) + "'");
        } else {
            for (String p : pending) appendBody(p);
            appendBody(line);
        }
        pending.clear();
        pendingBlank = false;
        pendingSeparator = false;
    }

    /** At the end of the file. */
    void finish() {
        finishMessage();
        announce();
    }

    private void startBlock(String key, String value) {
        announce();
        sameAtThisTime.clear();
        sameTime = "";
        if (key.equals("消息分组")) {
            group = value;
            chat = null;
        } else {
            chat = new Chat(group, value);
        }
    }

    private QqHeaderLine messageLine(String line) {
        try {
            return QqHeaderLine.parse(line, zone);
        } catch (DateTimeException e) {
            throw ImportException.at(file, "line " + lineNumber, "expected a real date and time like '2024-01-05 9:03:12', found '"
                    + shown(line) + "' (" + e.getMessage() + ")");
        }
    }

    private void startMessage(QqHeaderLine next) {
        if (chat == null)
            throw ImportException.at(file, "line " + lineNumber, "expected a '消息对象:' line naming the chat before its messages, found '"
                    + next.rawTime() + " " + next.sender() + "'");
        header = next;
        body.setLength(0);
        bodyStarted = false;
    }

    private void appendBody(String line) {
        if (bodyStarted) body.append('\n');
        body.append(line);
        bodyStarted = true;
    }

    private void finishMessage() {
        if (header == null) return;
        String text = body.toString();
        if (!header.rawTime().equals(sameTime)) {
            sameAtThisTime.clear();
            sameTime = header.rawTime();
        }
        int earlier = sameAtThisTime.merge(header.sender() + '\u0000' + text, 1, Integer::sum) - 1;
        String id = ImportIds.hash(chat.id, header.rawTime(), header.sender(), text, Integer.toString(earlier));
        // QQ itself (系统消息) is no participant; the chat is announced with its first message all the same
        if (!header.system()) chat.participants.add(header.sender());
        if (!chat.hasMessages) {
            chat.hasMessages = true;
            announce();
        }
        QqMessageBody content = QqMessageBody.of(text, header.system(), chat.id + "/" + id, sink);
        sink.message(new Message(chat.id, id, header.sentAt(), header.sender(), content.type(), content.text(),
                content.attachments(), null, null, null, false));
        header = null;
    }

    /** Gives the sink the current chat (once it has a message), again only if more people wrote in it since it was last given. */
    private void announce() {
        if (chat == null || !chat.hasMessages || chat.announcedParticipants == chat.participants.size()) return;
        sink.conversation(chat.conversation());
        chat.announcedParticipants = chat.participants.size();
    }

    static String shown(String line) {
        String s = line.strip();
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return s.codePointCount(0, s.length()) > 60 ? out + "…" : out.toString();
    }
}
