package org.chatvault.client.importer.wechat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.client.importer.Importer;

/**
 * WeChat as JSON: an array of objects with {@code id, MsgSvrID, type_name, is_sender, talker,
 * room_name, msg, src, CreateTime} (or the same columns in a CSV). The chat is {@code room_name}
 * (else {@code talker}); the sender {@code me} when {@code is_sender} is 1, else {@code talker};
 * a message's id is {@code MsgSvrID}, else {@code local-<id>}. {@code CreateTime} is epoch
 * seconds or a local {@code 2024-01-05 21:03:12} read in the import's zone. {@code src}, a media
 * path relative to the file, is copied in when the file is there and kept as absent when not.
 * The array is streamed, never loaded whole.
 */
public final class WeChatJsonImporter implements Importer {
    static final List<String> COLUMNS = List.of("id", "MsgSvrID", "type_name", "is_sender", "talker", "room_name", "msg", "src", "CreateTime");
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override public ImportFormat format() { return ImportFormat.WECHAT_JSON; }

    @Override public boolean recognizes(Path path) throws IOException {
        if (!Files.isRegularFile(path)) return false;
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) return List.of(WeChatCsv.header(path).split(",")).containsAll(COLUMNS);
        if (!name.endsWith(".json")) return false;
        try (InputStream in = Files.newInputStream(path)) {
            String head = new String(in.readNBytes(4096), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
            return head.startsWith("[") && head.contains("\"MsgSvrID\"") && head.contains("\"type_name\"");
        }
    }

    @Override public void read(Path path, ImportOptions options, ImportSink sink) throws IOException {
        if (!Files.isRegularFile(path)) throw ImportException.of(path, "expected a WeChat .json or .csv file, found a directory");
        WeChatChats chats = new WeChatChats(sink, path.toAbsolutePath().getParent());
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            WeChatCsv.read(path, COLUMNS, row -> chats.add(toRow(path, column -> "line " + row.line() + ", " + column, row::cell, options)));
        } else {
            readJson(path, options, chats);
        }
        chats.finish();
    }

    private static void readJson(Path path, ImportOptions options, WeChatChats chats) throws IOException {
        int index = -1;
        try (InputStream in = Files.newInputStream(path); JsonParser json = JSON.createParser(in)) {
            if (json.nextToken() != JsonToken.START_ARRAY)
                throw ImportException.at(path, "$", "expected a JSON array of WeChat messages, found " + found(json));
            for (JsonToken t = json.nextToken(); t != JsonToken.END_ARRAY; t = json.nextToken()) {
                index++;
                if (t == null) throw ImportException.at(path, "$[" + index + "]", "expected a message or the end of the array, found the end of the file (is it cut short?)");
                if (t != JsonToken.START_OBJECT) throw ImportException.at(path, "$[" + index + "]", "expected a message object, found " + found(json));
                Map<String, String> fields = fields(path, json, index);
                String where = "$[" + index + "].";
                chats.add(toRow(path, where::concat, column -> fields.getOrDefault(column, ""), options));
            }
            if (json.nextToken() != null) throw ImportException.at(path, "after $", "expected the end of the file after the array, found " + found(json));
        } catch (JsonProcessingException e) {
            String where = index < 0 ? "$" : "$[" + index + "]";
            throw ImportException.at(path, where + " (line " + e.getLocation().getLineNr() + ")", "expected JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** A message object's scalar fields as text (numbers as written, so a 64-bit MsgSvrID keeps every digit); nested values skipped. */
    private static Map<String, String> fields(Path path, JsonParser json, int index) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
            JsonToken value = json.nextToken();
            if (value == null) throw ImportException.at(path, "$[" + index + "]." + name, "expected a value, found the end of the file (is it cut short?)");
            if (value.isStructStart()) json.skipChildren();
            else if (value != JsonToken.VALUE_NULL) fields.put(name, json.getText());
        }
        if (json.currentToken() != JsonToken.END_OBJECT) throw ImportException.at(path, "$[" + index + "]", "expected the end of the message object");
        return fields;
    }

    /** @param place where a column of this message is, for errors ({@code $[3].CreateTime}, {@code line 4, CreateTime}) */
    private static WeChatRow toRow(Path file, Function<String, String> place, Function<String, String> field, ImportOptions options) {
        String room = field.apply("room_name").strip();
        String talker = field.apply("talker").strip();
        String chat = room.isEmpty() ? talker : room;
        if (chat.isEmpty()) throw ImportException.at(file, place.apply("room_name"), "expected the chat's id in room_name or talker, found neither");
        String svrId = field.apply("MsgSvrID").strip();
        String localId = field.apply("id").strip();
        String id = !svrId.isEmpty() && !svrId.equals("0") ? svrId : !localId.isEmpty() ? "local-" + localId : null;
        if (id == null) throw ImportException.at(file, place.apply("MsgSvrID"), "expected a message id in MsgSvrID or id, found neither");
        String isSender = field.apply("is_sender").strip();
        boolean fromMe = isSender.equals("1") || isSender.equalsIgnoreCase("true");
        WeChatKind kind = WeChatKind.ofName(field.apply("type_name"));
        String sender = fromMe ? "me" : !talker.isEmpty() ? talker : kind == WeChatKind.SYSTEM ? "system" : chat;
        // these exports name a chat only by its id: the title stays the id until another import names it
        return new WeChatRow(chat, null, id, time(file, place.apply("CreateTime"), field.apply("CreateTime"), options), sender, kind,
                field.apply("msg"), field.apply("src"));
    }

    private static long time(Path file, String where, String createTime, ImportOptions options) {
        Long at = WeChatTimes.epoch(createTime);
        if (at == null) at = WeChatTimes.local(createTime, options.zone());
        if (at == null) throw ImportException.at(file, where, "expected epoch seconds or a time like 2024-01-05 21:03:12, found '"
                + WeChatCsv.shown(createTime) + "'");
        return at;
    }

    private static String found(JsonParser json) throws IOException {
        JsonToken t = json.currentToken();
        if (t == null) return "nothing (the file is empty)";
        return t.isScalarValue() ? "'" + WeChatCsv.shown(json.getText()) + "'" : t.asString() == null ? t.name() : "'" + t.asString() + "'";
    }
}
