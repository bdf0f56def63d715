package org.chatvault.client.importer.telegram;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;

/**
 * Streams one Telegram {@code result.json} into a sink: the chat objects field by field, each
 * message as a small tree, never the whole file (full exports reach gigabytes). Either a single
 * chat (top level {@code name, type, id, messages}) or a full export ({@code chats.list[]} and
 * {@code left_chats.list[]}; the rest of it — profile, contacts, sessions — is skipped).
 */
final class TelegramExportReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final ImportSink sink;
    private final JsonFields fields;
    private final TelegramMessages messages;
    private JsonParser parser;
    /** The JSON path being read, for errors Jackson raises. */
    private String where = "$";
    /** Whether the file began as JSON: a refusal before that says the file is not JSON at all. */
    private boolean started;

    TelegramExportReader(Path file, ImportOptions options, ImportSink sink) throws IOException {
        this.file = file;
        this.sink = sink;
        this.fields = new JsonFields(file);
        Path folder = file.toAbsolutePath().getParent();
        this.messages = new TelegramMessages(fields, new TelegramMedia(fields, sink, folder), options.zone());
    }

    void read() throws IOException {
        try (InputStream in = new HexEscapeStream(Files.newInputStream(file));
             JsonParser p = MAPPER.getFactory().createParser(in)) {
            parser = p;
            readTop();
        } catch (JsonEOFException e) {
            throw ImportException.at(file, where + at(e.getLocation()), "the file ends in the middle of the JSON (is it truncated?)");
        } catch (JsonProcessingException e) {
            // malformed JSON, or beyond Jackson's limits (nesting, string length)
            if (!started) throw ImportException.of(file, "expected a Telegram export (JSON text), found bytes that are not JSON (is it a binary file?)");
            throw ImportException.at(file, where + at(e.getLocation()), "expected valid JSON: " + e.getOriginalMessage());
        }
    }

    private void readTop() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) throw ImportException.of(file, "the file is empty; expected a Telegram export (a JSON object)");
        started = true;
        if (t != JsonToken.START_OBJECT)
            throw ImportException.of(file, "expected a Telegram export (a JSON object with \"messages\" or \"chats\"), found " + token(t));
        if (!readChat("$", true))
            throw ImportException.of(file, "expected a Telegram export: a JSON object with \"messages\" (one chat) or \"chats\" "
                    + "(a full export), found neither");
        where = "after the top-level object";
        if (parser.nextToken() != null) {
            throw ImportException.at(file, where + at(parser.currentLocation()), "expected the end of the file, found more JSON");
        }
    }

    /**
     * Reads a chat object (the parser on its START_OBJECT); at the top level, also a full export's chat lists.
     *
     * @return whether it held a chat or chat lists
     */
    private boolean readChat(String path, boolean top) throws IOException {
        String name = null, type = null, id = null;
        boolean nameGiven = false;
        ChatState chat = null;
        boolean lists = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            where = path + "." + field;
            switch (field) {
                case "name" -> { name = scalar(value); nameGiven = true; }
                case "type" -> type = scalar(value);
                case "id" -> id = chatId(value);
                case "messages" -> {
                    if (chat != null) throw ImportException.at(file, where, "expected one \"messages\" array per chat, found a second");
                    chat = start(path, id, type, nameGiven ? name : null);
                    readMessages(where, chat);
                }
                case "chats", "left_chats" -> {
                    if (!top) { parser.skipChildren(); continue; }
                    readChatList(where);
                    lists = true;
                }
                default -> parser.skipChildren();
            }
        }
        if (chat == null && !top) chat = start(path, id, type, name);
        if (chat != null) sink.conversation(chat.conversation());
        return chat != null || lists;
    }

    private void readChatList(String path) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT)
            throw ImportException.at(file, path, "expected an object with the chat \"list\", found " + token(parser.currentToken()));
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!field.equals("list")) { parser.skipChildren(); continue; }
            String listPath = path + ".list";
            if (value != JsonToken.START_ARRAY) throw ImportException.at(file, listPath, "expected an array of chats, found " + token(value));
            int i = 0;
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), i++) {
                String chatPath = listPath + "[" + i + "]";
                where = chatPath;
                if (t != JsonToken.START_OBJECT) throw ImportException.at(file, chatPath, "expected a chat object, found " + token(t));
                readChat(chatPath, false);
            }
        }
    }

    private void readMessages(String path, ChatState chat) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY)
            throw ImportException.at(file, path, "expected an array of messages, found " + token(parser.currentToken()));
        int i = 0;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken(), i++) {
            String messagePath = path + "[" + i + "]";
            where = messagePath;
            if (t != JsonToken.START_OBJECT) throw ImportException.at(file, messagePath, "expected a message object, found " + token(t));
            JsonNode node = MAPPER.readTree(parser);
            Message m = messages.read(node, chat.id, chat.title, messagePath);
            chat.participants.add(m.sender());
            sink.message(m);
        }
    }

    private ChatState start(String path, String id, String type, String name) {
        if (id == null) throw ImportException.at(file, path + ".id", "expected the chat's id (before its messages), found none");
        String title = name != null ? name : "saved_messages".equals(type) ? "Saved Messages" : ServiceText.DELETED_ACCOUNT;
        ChatState chat = new ChatState("telegram-" + id, kind(type), title);
        sink.conversation(chat.conversation());
        return chat;
    }

    static ConversationKind kind(String type) {
        if (type == null) return ConversationKind.GROUP;
        return switch (type) {
            case "personal_chat", "saved_messages", "bot_chat" -> ConversationKind.DIRECT;
            case "public_channel", "private_channel" -> ConversationKind.CHANNEL;
            // private_group, private_supergroup, public_supergroup, and kinds newer exports may add
            default -> ConversationKind.GROUP;
        };
    }

    private String scalar(JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) return null;
        if (t != JsonToken.VALUE_STRING) throw ImportException.at(file, where, "expected a string, found " + token(t));
        return parser.getText();
    }

    private String chatId(JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) return parser.getText();
        if (t == JsonToken.VALUE_STRING && JsonFields.ID.matcher(parser.getText()).matches()) return parser.getText();
        throw ImportException.at(file, where, "expected the chat's id (a whole number), found " + token(t));
    }

    private String token(JsonToken t) throws IOException {
        if (t == null) return "the end of the file";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string '" + JsonFields.shorten(parser.getText()) + "'";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + parser.getText();
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> parser.getText();
            default -> t.toString();
        };
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** A chat being read: its id and title, and the senders seen so far (its participants). */
    private static final class ChatState {
        final String id;
        final ConversationKind kind;
        final String title;
        final Set<String> participants = new LinkedHashSet<>();

        ChatState(String id, ConversationKind kind, String title) {
            this.id = id;
            this.kind = kind;
            this.title = title;
        }

        Conversation conversation() { return new Conversation(id, kind, title, participants.stream().toList()); }
    }
}
