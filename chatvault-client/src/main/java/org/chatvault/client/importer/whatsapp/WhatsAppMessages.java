package org.chatvault.client.importer.whatsapp;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportIds;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;

/**
 * The second reading of a chat: each message onto the model, with its file copied in (or named as absent)
 * and its stable id.
 */
final class WhatsAppMessages {
    private final ChatArchive chat;
    private final String conversationId;
    private final DateOrder order;
    private final ZoneId zone;
    private final ImportSink sink;
    /** Identical messages seen at {@link #sameTime}: the n-th gets n in its id, so both are kept and keep their ids. */
    private final Map<String, Integer> repeats = new HashMap<>();
    private LocalDateTime sameTime;
    private long sameTimeSentAt;

    WhatsAppMessages(ChatArchive chat, String conversationId, DateOrder order, ZoneId zone, ImportSink sink) {
        this.chat = chat;
        this.conversationId = conversationId;
        this.order = order;
        this.zone = zone;
        this.sink = sink;
    }

    void write(ChatScanner.RawMessage raw) throws IOException {
        HeaderLine h = raw.header();
        LocalDateTime local;
        try {
            local = order.localTime(h);
        } catch (DateTimeException e) {
            throw ImportException.at(chat.file(), chat.where(raw.line()), "expected a date and time that exist, found '"
                    + h.timestamp() + "' (read " + describe(order, h) + ": " + e.getMessage() + ")");
        }
        if (!local.equals(sameTime)) {
            sameTime = local;
            sameTimeSentAt = local.atZone(zone).toInstant().toEpochMilli();
            repeats.clear();
        }
        long sentAt = sameTimeSentAt;
        Body body = Body.read(h.sender(), raw.body(), h.ios(), chat::holds);
        String sender = body.byWhatsApp() ? "" : h.sender();
        String identity = withoutMarks(raw.body());
        int n = repeats.merge(sender + '\0' + identity, 1, Integer::sum) - 1;
        String id = ImportIds.hash(conversationId, local.toString(), sender, identity, Integer.toString(n));
        List<Attachment> attachments = List.of();
        if (body.fileName() != null) {
            Attachment copied = chat.copy(body.fileName(), sink);
            attachments = List.of(copied != null ? copied
                    : sink.absent(conversationId + "/" + body.fileName(), body.fileName(), null, 0));
        } else if (body.omitted()) {
            attachments = List.of(sink.absent(conversationId + "/" + id, "", null, 0));
        }
        sink.message(new Message(conversationId, id, sentAt, sender, body.type(), body.text(), attachments, null, null,
                body.edited() ? sentAt : null, false));
    }

    private static String describe(DateOrder order, HeaderLine h) {
        if (h.yearFirst()) return "as year, month, day";
        return order == DateOrder.MONTH_FIRST ? "as month, day, year" : "as day, month, year";
    }

    /** The text without direction marks, which exporters of different versions put in different places. */
    private static String withoutMarks(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (HeaderLine.isMark(ch)) {
                if (out == null) out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? s.strip() : out.toString().strip();
    }
}
