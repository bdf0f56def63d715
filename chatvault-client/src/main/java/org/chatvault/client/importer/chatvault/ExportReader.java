package org.chatvault.client.importer.chatvault;

import static org.chatvault.client.exporter.json.JsonExportSchema.*;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/**
 * Walks one Chatvault JSON export token by token and hands each conversation, then its messages,
 * to the sink. Whatever does not fit the schema is refused at its JSON path with what was expected
 * there; fields it does not know are skipped (a version may gain fields, docs/EXPORT.md).
 */
final class ExportReader {
    private final Path file;
    private final JsonParser p;
    private final ImportSink sink;
    private final ExportFiles files;

    ExportReader(Path file, Path exportDir, JsonParser parser, ImportSink sink) {
        this.file = file;
        this.p = parser;
        this.sink = sink;
        this.files = new ExportFiles(exportDir, this::fail);
    }

    void read() throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) throw ImportException.of(file, "the file is empty: expected a Chatvault JSON export {\"format\": \"" + FORMAT + "\", …}");
        if (first != JsonToken.START_OBJECT) throw fail("expected an object {\"format\": \"" + FORMAT + "\", …}, found " + found());
        boolean formatSeen = false;
        boolean versionSeen = false;
        boolean conversationsSeen = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case F_FORMAT -> {
                    String format = string();
                    if (!FORMAT.equals(format)) throw fail("expected \"" + FORMAT + "\", found " + quoted(format));
                    formatSeen = true;
                }
                case F_VERSION -> {
                    long version = number();
                    if (version > VERSION)
                        throw fail("this export has schema version " + version + ", newer than this Chatvault reads (" + VERSION
                                + "): update Chatvault to import it");
                    if (version < 1) throw fail("expected a schema version from 1 to " + VERSION + ", found " + version);
                    versionSeen = true;
                }
                case F_CONVERSATIONS -> {
                    if (!formatSeen || !versionSeen)
                        throw fail("expected \"" + F_FORMAT + "\" and \"" + F_VERSION + "\" before \"" + F_CONVERSATIONS + "\"");
                    conversations();
                    conversationsSeen = true;
                }
                default -> p.skipChildren();
            }
        }
        if (!formatSeen)
            throw fail("expected a Chatvault JSON export, with \"" + F_FORMAT + "\": \"" + FORMAT + "\" in its top-level object; found none");
        if (!conversationsSeen) throw fail("expected a \"" + F_CONVERSATIONS + "\" array in the top-level object");
        if (p.nextToken() != null) throw fail("expected the end of the file after the top-level object, found " + found());
    }

    private void conversations() throws IOException {
        expect(JsonToken.START_ARRAY, "an array of conversations");
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(JsonToken.START_OBJECT, "a conversation object {\"id\": …}");
            conversation();
        }
    }

    private void conversation() throws IOException {
        String id = null;
        ConversationKind kind = null;
        String title = null;
        List<String> participants = List.of();
        boolean given = false;
        boolean changedSinceGiven = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case F_ID -> {
                    if (given) throw fail("expected the conversation's \"" + F_ID + "\" before its \"" + F_MESSAGES + "\"");
                    id = requiredString();
                }
                case F_KIND -> kind = named(ConversationKind.values());
                case F_TITLE -> title = string();
                case F_PARTICIPANTS -> participants = strings();
                case F_MESSAGES -> {
                    if (id == null || kind == null)
                        throw fail("expected the conversation's \"" + F_ID + "\" and \"" + F_KIND + "\" before its \"" + F_MESSAGES + "\"");
                    sink.conversation(new Conversation(id, kind, title, participants));
                    given = true;
                    messages(id);
                    continue;
                }
                default -> p.skipChildren();
            }
            if (given) changedSinceGiven = true;
        }
        if (id == null) throw fail("expected the conversation's \"" + F_ID + "\"");
        if (kind == null) throw fail("expected the conversation's \"" + F_KIND + "\"");
        // fields after "messages" (a hand-written file may order them so) still count: the sink keeps the last
        if (!given || changedSinceGiven) sink.conversation(new Conversation(id, kind, title, participants));
    }

    private void messages(String conversationId) throws IOException {
        expect(JsonToken.START_ARRAY, "an array of messages");
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(JsonToken.START_OBJECT, "a message object {\"id\": …}");
            sink.message(message(conversationId));
        }
    }

    private Message message(String conversationId) throws IOException {
        int startLine = p.currentLocation().getLineNr();
        String id = null;
        Long sentAt = null;
        String sender = null;
        MessageType type = null;
        String text = null;
        String replyTo = null;
        String forwardedFrom = null;
        Long editedAt = null;
        boolean ephemeral = false;
        List<Attachment> attachments = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case F_ID -> id = requiredString();
                case F_SENT_AT -> sentAt = number();
                case F_SENDER -> sender = requiredString();
                case F_TYPE -> type = named(MessageType.values());
                case F_TEXT -> text = string();
                case F_REPLY_TO -> replyTo = string();
                case F_FORWARDED_FROM -> forwardedFrom = string();
                case F_EDITED_AT -> editedAt = p.currentToken() == JsonToken.VALUE_NULL ? null : number();
                case F_EPHEMERAL -> ephemeral = bool();
                case F_ATTACHMENTS -> attachments = attachments();
                default -> p.skipChildren(); // sentAtText is for people; the time is sentAt
            }
        }
        // here the parser is back in the messages array, so a failure names this message: $.conversations[0].messages[3]
        if (id == null) throw fail("expected the message's \"" + F_ID + "\"", startLine);
        if (sentAt == null) throw fail("expected the message's \"" + F_SENT_AT + "\" (UTC epoch milliseconds)", startLine);
        if (sender == null) throw fail("expected the message's \"" + F_SENDER + "\"", startLine);
        if (type == null) throw fail("expected the message's \"" + F_TYPE + "\"", startLine);
        return new Message(conversationId, id, sentAt, sender, type, text, attachments, replyTo, forwardedFrom, editedAt, ephemeral);
    }

    private List<Attachment> attachments() throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return List.of();
        expect(JsonToken.START_ARRAY, "an array of attachments");
        List<Attachment> out = new ArrayList<>(2);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            expect(JsonToken.START_OBJECT, "an attachment object {\"contentId\": …}");
            out.add(attachment());
        }
        return out;
    }

    private Attachment attachment() throws IOException {
        String contentId = null;
        String name = null;
        String mime = null;
        long size = 0;
        String thumbnailId = null;
        Path content = null;
        Path thumbnail = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case F_CONTENT_ID -> contentId = requiredString();
                case F_NAME -> name = string();
                case F_MIME -> mime = string();
                case F_SIZE -> {
                    size = number();
                    if (size < 0) throw fail("expected a size in bytes (0 or more), found " + size);
                }
                case F_THUMBNAIL_ID -> thumbnailId = string();
                case F_FILE -> content = files.inside(string());
                case F_THUMBNAIL_FILE -> thumbnail = files.inside(string());
                default -> p.skipChildren();
            }
        }
        if (contentId == null) throw fail("expected the attachment's \"" + F_CONTENT_ID + "\"");
        files.copy(sink, contentId, content, "\"" + F_CONTENT_ID + "\"");
        if (thumbnail != null && thumbnailId == null)
            throw fail("expected a \"" + F_THUMBNAIL_ID + "\" for the \"" + F_THUMBNAIL_FILE + "\" " + quoted(thumbnail.toString()));
        files.copy(sink, thumbnailId, thumbnail, "\"" + F_THUMBNAIL_ID + "\"");
        return new Attachment(contentId, name, mime, size, thumbnailId);
    }

    // ---- values ------------------------------------------------------------------------------

    private String string() throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw fail("expected a string or null, found " + found());
        };
    }

    private String requiredString() throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) throw fail("expected a string, found " + found());
        return p.getText();
    }

    private long number() throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) throw fail("expected a whole number, found " + found());
        return p.getLongValue();
    }

    private boolean bool() throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw fail("expected true or false, found " + found());
        };
    }

    private List<String> strings() throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return List.of();
        expect(JsonToken.START_ARRAY, "an array of names");
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(requiredString());
        return out;
    }

    private <E extends Enum<E>> E named(E[] values) throws IOException {
        String name = requiredString();
        for (E e : values) if (e.name().equals(name)) return e;
        List<String> names = new ArrayList<>();
        for (E e : values) names.add(e.name());
        throw fail("expected one of " + String.join(", ", names) + ", found " + quoted(name));
    }

    private void expect(JsonToken token, String what) throws IOException {
        if (p.currentToken() != token) throw fail("expected " + what + ", found " + found());
    }

    private String found() throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) return "the end of the file";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT, END_ARRAY -> "'" + t.asString() + "'";
            case VALUE_STRING -> quoted(p.getText());
            case VALUE_NULL -> "null";
            case FIELD_NAME -> "the field " + quoted(p.currentName());
            default -> p.getText();
        };
    }

    private static String quoted(String s) {
        if (s == null) return "null";
        String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** An ImportException at the parser's present place. */
    ImportException fail(String problem) {
        return fail(problem, p.currentLocation().getLineNr());
    }

    /** An ImportException at the parser's present path, naming {@code line} (where the object that lacks something began). */
    private ImportException fail(String problem, int line) {
        return ImportException.at(file, JsonPaths.of(p.getParsingContext()) + ", line " + line, problem);
    }
}
