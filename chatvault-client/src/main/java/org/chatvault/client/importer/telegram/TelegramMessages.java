package org.chatvault.client.importer.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;

/** Maps one message object of a Telegram chat onto the model. */
final class TelegramMessages {
    private final JsonFields fields;
    private final TelegramMedia media;
    private final ServiceText service;
    private final ZoneId zone;

    TelegramMessages(JsonFields fields, TelegramMedia media, ZoneId zone) {
        this.fields = fields;
        this.media = media;
        this.service = new ServiceText(fields);
        this.zone = zone;
    }

    /**
     * @param chatTitle who speaks when a service message names no actor (a channel's own posts)
     * @param path      the message's JSON path, for errors
     */
    Message read(JsonNode m, String conversationId, String chatTitle, String path) throws IOException {
        if (!m.isObject()) throw fields.fail(path, "expected a message object, found " + JsonFields.describe(m));
        String id = fields.id(m, "id", path);
        if (id == null) throw fields.fail(path + ".id", "expected the message's id (a whole number), found none");
        Long sentAt = time(m, "date_unixtime", "date", path);
        if (sentAt == null) throw fields.fail(path + ".date", "expected the message's date (date_unixtime or date), found none");
        Long editedAt = time(m, "edited_unixtime", "edited", path);
        boolean isService = "service".equals(fields.string(m, "type", path));
        String text = text(m, path);
        String key = conversationId + ":" + id;

        List<Attachment> attachments = new ArrayList<>();
        String mediaType = fields.string(m, "media_type", path);
        MessageType type = isService ? MessageType.SYSTEM : TelegramMedia.typeOf(m, mediaType);
        add(attachments, media.photo(m, key, path));
        add(attachments, media.file(m, key, path));
        add(attachments, media.vcard(m, key, path));

        String sender;
        if (isService) {
            sender = person(m, "actor", "actor_id", chatTitle, path);
            text = service.of(m, sender, text, path);
        } else {
            sender = person(m, "from", "from_id", chatTitle, path);
            if (text == null) text = describeContent(m, type, path);
        }
        String replyTo = fields.id(m, isService ? "message_id" : "reply_to_message_id", path);
        String forwardedFrom = fields.string(m, "forwarded_from", path);
        if (forwardedFrom == null) forwardedFrom = fields.string(m, "saved_from", path);
        return new Message(conversationId, id, sentAt, sender, type, text, attachments, replyTo, forwardedFrom, editedAt, false);
    }

    /**
     * The name of who sent it. {@code from: null} is a deleted account: its {@code from_id} keeps
     * two deleted accounts apart; with neither, "Deleted Account". A message with no {@code from}
     * field at all (a channel's own post, some service messages) is the chat's.
     */
    private String person(JsonNode m, String nameField, String idField, String chatTitle, String path) {
        String name = fields.string(m, nameField, path);
        if (name != null) return name;
        String id = fields.string(m, idField, path);
        if (m.has(nameField)) return id != null ? ServiceText.DELETED_ACCOUNT + " (" + id + ")" : ServiceText.DELETED_ACCOUNT;
        return id != null ? id : chatTitle;
    }

    /** UTC epoch ms from the field of seconds since 1970 if present, else from the zone-less local time; null when neither is there. */
    private Long time(JsonNode m, String unixField, String localField, String path) {
        JsonNode unix = m.get(unixField);
        if (unix != null && !unix.isNull()) {
            String s = unix.isIntegralNumber() ? unix.asText() : unix.isTextual() ? unix.textValue().trim() : null;
            if (s == null || !JsonFields.SECONDS.matcher(s).matches())
                throw fields.fail(path + "." + unixField, "expected seconds since 1970 (UTC) like \"1706700896\", found " + JsonFields.describe(unix));
            return Long.parseLong(s) * 1000;
        }
        String local = fields.string(m, localField, path);
        if (local == null) return null;
        try {
            return LocalDateTime.parse(local).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw fields.fail(path + "." + localField, "expected a date like 2024-01-31T12:34:56, found '" + JsonFields.shorten(local) + "'");
        }
    }

    /**
     * The visible text: a plain string, or an array of strings and entity objects ({@code {type,
     * text, href}}) joined; a link whose target differs from its text keeps it as "text (href)".
     * Null when empty.
     */
    String text(JsonNode m, String path) {
        JsonNode t = m.get("text");
        String field = "text";
        if (t == null || t.isNull() || (t.isTextual() && t.textValue().isEmpty()) || (t.isArray() && t.isEmpty())) {
            t = m.get("text_entities");
            field = "text_entities";
        }
        if (t == null || t.isNull()) return null;
        String joined;
        if (t.isTextual()) joined = t.textValue();
        else if (t.isArray()) joined = joinEntities(t, path + "." + field);
        else throw fields.fail(path + "." + field, "expected a string or an array of text parts, found " + JsonFields.describe(t));
        return joined.isEmpty() ? null : joined;
    }

    private String joinEntities(JsonNode parts, String path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            JsonNode p = parts.get(i);
            String where = path + "[" + i + "]";
            if (p.isTextual()) {
                out.append(p.textValue());
            } else if (p.isObject()) {
                String text = fields.string(p, "text", where);
                String href = fields.string(p, "href", where);
                if (text != null) out.append(text);
                if (href != null && !href.equals(text)) out.append(text == null || text.isEmpty() ? href : " (" + href + ")");
            } else {
                throw fields.fail(where, "expected a string or a text entity object, found " + JsonFields.describe(p));
            }
        }
        return out.toString();
    }

    /** A text for a message that has only a location, a contact, a poll or a sticker. */
    private String describeContent(JsonNode m, MessageType type, String path) {
        return switch (type) {
            case LOCATION -> location(fields.object(m, "location_information", path), m, path);
            case CONTACT -> contact(fields.object(m, "contact_information", path), path + ".contact_information");
            case POLL -> poll(fields.object(m, "poll", path), path + ".poll");
            case STICKER -> fields.string(m, "sticker_emoji", path);
            default -> null;
        };
    }

    private String location(JsonNode loc, JsonNode m, String path) {
        String where = path + ".location_information";
        JsonNode lat = loc.get("latitude"), lon = loc.get("longitude");
        if (lat == null || !lat.isNumber() || lon == null || !lon.isNumber())
            throw fields.fail(where, "expected numbers for latitude and longitude, found " + JsonFields.describe(lat) + " and " + JsonFields.describe(lon));
        String place = fields.string(m, "place_name", path);
        String address = fields.string(m, "address", path);
        String coordinates = lat.asText() + ", " + lon.asText();
        StringBuilder out = new StringBuilder();
        if (place != null) out.append(place).append(", ");
        if (address != null) out.append(address).append(", ");
        return out.isEmpty() ? coordinates : out.append('(').append(coordinates).append(')').toString();
    }

    private String contact(JsonNode c, String path) {
        String name = String.join(" ", nonBlank(fields.string(c, "first_name", path), fields.string(c, "last_name", path)));
        String phone = fields.string(c, "phone_number", path);
        if (phone == null || phone.isBlank()) return name.isEmpty() ? null : name;
        return name.isEmpty() ? phone : name + ", " + phone;
    }

    private String poll(JsonNode poll, String path) {
        StringBuilder out = new StringBuilder();
        String question = fields.string(poll, "question", path);
        out.append(question == null ? "" : question);
        JsonNode answers = fields.array(poll, "answers", path);
        if (answers != null) {
            for (int i = 0; i < answers.size(); i++) {
                JsonNode a = answers.get(i);
                String where = path + ".answers[" + i + "]";
                if (!a.isObject()) throw fields.fail(where, "expected an answer object, found " + JsonFields.describe(a));
                String text = fields.string(a, "text", where);
                out.append("\n• ").append(text == null ? "" : text);
            }
        }
        return out.toString();
    }

    private static List<String> nonBlank(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) if (p != null && !p.isBlank()) out.add(p);
        return out;
    }

    private static void add(List<Attachment> list, Attachment a) {
        if (a != null) list.add(a);
    }
}
