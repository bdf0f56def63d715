package org.chatvault.client.importer.wechat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;

/**
 * Turns {@link WeChatRow}s into conversations and messages for the sink. A chat is
 * {@code wechat-<talker>}, a GROUP when the talker ends with {@code @chatroom}; it is given to
 * the sink with its first message and again at the end when more people wrote in it. Media: a
 * file the export holds (a {@code src} inside the export's folder) is copied in; one it names but
 * lacks, or a media message with no file, becomes an absent attachment. A {@code src} that leaves
 * the export's folder is not followed (an export has no business pointing elsewhere on the disk).
 */
final class WeChatChats {
    private final ImportSink sink;
    private final Path exportFolder;
    private final Map<String, Chat> chats = new HashMap<>();

    private static final class Chat {
        final String id;
        final String talker;
        String title;
        final Set<String> participants = new LinkedHashSet<>();
        int announced = -1;
        String announcedTitle;

        Chat(String talker) {
            this.id = "wechat-" + talker;
            this.talker = talker;
        }

        Conversation conversation() {
            boolean group = talker.endsWith("@chatroom");
            return new Conversation(id, group ? ConversationKind.GROUP : ConversationKind.DIRECT, title == null ? talker : title,
                    List.copyOf(participants));
        }
    }

    /** @param exportFolder the folder media paths are relative to (the export file's own) */
    WeChatChats(ImportSink sink, Path exportFolder) {
        this.sink = sink;
        this.exportFolder = exportFolder.toAbsolutePath().normalize();
    }

    void add(WeChatRow row) throws IOException {
        Chat chat = chats.computeIfAbsent(row.talker(), Chat::new);
        if (chat.title == null && row.title() != null && !row.title().isBlank()) chat.title = row.title().strip();
        if (row.kind() != WeChatKind.SYSTEM) chat.participants.add(row.sender()); // WeChat itself is no participant
        if (chat.announced < 0) announce(chat);
        WeChatContent content = WeChatContent.of(row.kind(), row.content());
        List<Attachment> attachments = attachments(chat, row, content);
        sink.message(new Message(chat.id, row.messageId(), row.sentAt(), row.sender(), row.kind().type, content.text(),
                attachments, content.replyTo(), content.forwardedFrom(), null, false));
    }

    /** After the last row: chats that gained people or a name since they were given are given again. */
    void finish() {
        for (Chat chat : chats.values())
            if (chat.announced != chat.participants.size() || !java.util.Objects.equals(chat.announcedTitle, chat.title)) announce(chat);
    }

    private void announce(Chat chat) {
        sink.conversation(chat.conversation());
        chat.announced = chat.participants.size();
        chat.announcedTitle = chat.title;
    }

    private List<Attachment> attachments(Chat chat, WeChatRow row, WeChatContent content) throws IOException {
        String key = chat.id + "/" + row.messageId();
        if (row.src() != null && !row.src().isBlank()) {
            String src = row.src().strip().replace('\\', '/');
            String name = content.fileName() != null ? content.fileName() : src.substring(src.lastIndexOf('/') + 1);
            Path file = inside(src);
            if (file != null && Files.isRegularFile(file)) return List.of(sink.file(file, name, null));
            return List.of(sink.absent(key, name, null, content.fileSize()));
        }
        if (!row.kind().media()) return List.of();
        String name = content.fileName() != null ? content.fileName() : row.kind().name().toLowerCase(java.util.Locale.ROOT);
        String mime = content.fileName() != null ? null : row.kind().guessedMime();
        return List.of(sink.absent(key, name, mime, content.fileSize()));
    }

    /** The file {@code src} names inside the export's folder, or null (outside it, or not a path at all). */
    private Path inside(String src) {
        try {
            Path file = exportFolder.resolve(src).normalize();
            return file.startsWith(exportFolder) ? file : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
