package org.chatvault.client.importer.wechat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.client.importer.Importer;

/**
 * WeChat as the common open-source export tools write it to CSV, one chat (the {@code TalkerId})
 * per file, with the header {@code localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,
 * StrContent,StrTime,Remark,NickName,Sender}. Rows of private chats may stop short of the header:
 * the missing cells are empty. The time is {@code CreateTime} (epoch seconds, UTC); the local
 * {@code StrTime} only where it is missing. The user's own rows ({@code IsSender} 1) are from
 * {@code me}; in a group the others' content may start with the sender's id ({@code wxid_x:\n}),
 * taken off the text. A message's id is {@code local-<localId>}, or WeChat's {@code MsgSvrID} where a tool adds that column.
 */
public final class WeChatCsvImporter implements Importer {
    static final List<String> HEADER = List.of("localId", "TalkerId", "Type", "SubType", "IsSender", "CreateTime", "Status",
            "StrContent", "StrTime", "Remark", "NickName", "Sender");
    private static final Pattern GROUP_SENDER = Pattern.compile("([A-Za-z0-9_\\-.@]{1,64}):\r?\n", Pattern.DOTALL);

    @Override public ImportFormat format() { return ImportFormat.WECHAT_CSV; }

    @Override public boolean recognizes(Path path) throws IOException {
        return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                && WeChatCsv.header(path).startsWith(String.join(",", HEADER));
    }

    @Override public void read(Path path, ImportOptions options, ImportSink sink) throws IOException {
        if (!Files.isRegularFile(path)) throw ImportException.of(path, "expected a WeChat .csv file, found a directory");
        WeChatChats chats = new WeChatChats(sink, path.toAbsolutePath().getParent());
        Map<String, String> contactNames = new HashMap<>();
        WeChatCsv.read(path, HEADER, row -> chats.add(toRow(path, row, options, contactNames)));
        chats.finish();
    }

    /**
     * @param contactNames a private chat's contact name by talker, from the first row that gives it: rows that stop short of
     *                     the name columns are from the same person
     */
    private static WeChatRow toRow(Path file, WeChatCsv.Row row, ImportOptions options, Map<String, String> contactNames) {
        String where = "line " + row.line();
        String localId = required(file, where, row, "localId");
        String talker = required(file, where, row, "TalkerId");
        int type = number(file, where, row, "Type");
        String content = row.cell("StrContent");
        boolean fromMe = row.cell("IsSender").strip().equals("1");
        boolean group = talker.endsWith("@chatroom");
        String senderId = null;
        if (group && !fromMe) {
            Matcher m = GROUP_SENDER.matcher(content);
            if (m.lookingAt()) {
                senderId = m.group(1);
                content = content.substring(m.end());
            }
        }
        int appType = type == 49 ? appType(row.cell("SubType"), content) : 0;
        WeChatKind kind = WeChatKind.ofCode(type, appType);
        String named = firstNonBlank(row.cell("Remark"), row.cell("NickName"), row.cell("Sender"), senderId);
        String title = group || fromMe ? null : firstNonBlank(row.cell("Remark"), row.cell("NickName"));
        if (title != null) contactNames.putIfAbsent(talker, title);
        if (named == null && !group && kind != WeChatKind.SYSTEM) named = contactNames.get(talker);
        String sender = fromMe ? "me" : named != null ? named : kind == WeChatKind.SYSTEM ? "system" : talker;
        // some tools add a MsgSvrID column: WeChat's own id is the same on every device, so it is preferred
        String svrId = row.cell("MsgSvrID").strip();
        String id = !svrId.isEmpty() && !svrId.equals("0") ? svrId : "local-" + localId.strip();
        return new WeChatRow(talker, title, id, time(file, where, row, options), sender, kind, content, null);
    }

    private static long time(Path file, String where, WeChatCsv.Row row, ImportOptions options) {
        String createTime = row.cell("CreateTime");
        if (!createTime.isBlank()) {
            Long at = WeChatTimes.epoch(createTime);
            if (at == null) throw ImportException.at(file, where + ", CreateTime", "expected epoch seconds like 1704445392, found '"
                    + WeChatCsv.shown(createTime) + "'");
            return at;
        }
        String strTime = row.cell("StrTime");
        Long at = WeChatTimes.local(strTime, options.zone());
        if (at == null) throw ImportException.at(file, where + ", StrTime", "expected CreateTime (epoch seconds) or StrTime like "
                + "2024-01-05 21:03:12, found '" + WeChatCsv.shown(strTime) + "' (the row has " + row.width() + " of "
                + HEADER.size() + " cells; is the file cut short?)");
        return at;
    }

    /** An app message's sub type: the {@code SubType} cell, else the {@code <type>} its XML states, else 0. */
    private static int appType(String subType, String content) {
        try {
            if (!subType.isBlank() && !subType.strip().equals("0")) return Integer.parseInt(subType.strip());
            String fromXml = WeChatXml.parse(content).get("appmsg/type");
            return fromXml.isEmpty() ? 0 : Integer.parseInt(fromXml);
        } catch (NumberFormatException e) {
            return 0; // an unknown sub type: kept as an app message's text
        }
    }

    private static String required(Path file, String where, WeChatCsv.Row row, String column) {
        String value = row.cell(column);
        if (value.isBlank()) throw ImportException.at(file, where + ", " + column, "expected a value in " + column + ", found none"
                + " (the row has " + row.width() + " of " + HEADER.size() + " cells)");
        return value;
    }

    private static int number(Path file, String where, WeChatCsv.Row row, String column) {
        String value = row.cell(column).strip();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ImportException.at(file, where + ", " + column, "expected a number (WeChat's type code), found '" + WeChatCsv.shown(value) + "'");
        }
    }

    static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.strip();
        return null;
    }
}
