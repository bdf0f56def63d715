package org.chatvault.client.importer.qq;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.MessageType;

/**
 * A message body's type, text and attachments. QQ's text export writes media as placeholders
 * ({@code [图片]}, {@code [表情]}, …) and keeps no file: each becomes an absent attachment of a
 * guessed media type, so the message still says what was there. A body of placeholders alone
 * takes the type of the first; text around them keeps the message TEXT, with its text as written.
 */
record QqMessageBody(MessageType type, String text, List<Attachment> attachments) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[(图片|表情|文件|语音|视频)\\]");

    /** @param sourceKey stable per message (its conversation and id): the absent attachments' content ids come from it */
    static QqMessageBody of(String body, boolean system, String sourceKey, ImportSink sink) {
        if (system) return new QqMessageBody(MessageType.SYSTEM, body, List.of());
        if (body.indexOf('[') < 0) return new QqMessageBody(MessageType.TEXT, body, List.of());
        Matcher m = PLACEHOLDER.matcher(body);
        List<Attachment> attachments = new ArrayList<>(0);
        MessageType first = null;
        while (m.find()) {
            String kind = m.group(1);
            if (first == null) first = typeOf(kind);
            attachments.add(sink.absent(sourceKey + "/" + attachments.size(), kind, mimeOf(kind), 0));
        }
        if (first == null) return new QqMessageBody(MessageType.TEXT, body, List.of());
        boolean placeholdersOnly = PLACEHOLDER.matcher(body).replaceAll("").isBlank();
        return placeholdersOnly ? new QqMessageBody(first, null, attachments) : new QqMessageBody(MessageType.TEXT, body, attachments);
    }

    private static MessageType typeOf(String kind) {
        return switch (kind) {
            case "图片" -> MessageType.IMAGE;
            case "表情" -> MessageType.STICKER;
            case "语音" -> MessageType.VOICE;
            case "视频" -> MessageType.VIDEO;
            default -> MessageType.FILE;
        };
    }

    /** QQ's usual formats; a guess, since the export names no file. */
    private static String mimeOf(String kind) {
        return switch (kind) {
            case "图片" -> "image/jpeg";
            case "表情" -> "image/gif";
            case "语音" -> "audio/amr";
            case "视频" -> "video/mp4";
            default -> "application/octet-stream";
        };
    }
}
