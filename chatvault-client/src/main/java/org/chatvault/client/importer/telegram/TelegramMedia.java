package org.chatvault.client.importer.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.MessageType;

/**
 * A message's media: the files Telegram Desktop wrote next to the JSON (paths relative to its
 * folder), or the placeholder it writes when the user chose not to export them ("(File not
 * included. Change data exporting settings to download.)"). A named file that is not there is
 * kept as an absent attachment, so the message still says what was sent.
 */
final class TelegramMedia {
    private final JsonFields fields;
    private final ImportSink sink;
    private final Path folder;
    private final Path realFolder;

    TelegramMedia(JsonFields fields, ImportSink sink, Path folder) throws IOException {
        this.fields = fields;
        this.sink = sink;
        this.folder = folder.toAbsolutePath().normalize();
        this.realFolder = this.folder.toRealPath();
    }

    /** The message type its media make it, TEXT when it has none. */
    static MessageType typeOf(JsonNode m, String mediaType) {
        if (JsonFields.present(m, "photo")) return MessageType.IMAGE;
        if (JsonFields.present(m, "location_information")) return MessageType.LOCATION;
        if (JsonFields.present(m, "contact_information")) return MessageType.CONTACT;
        if (JsonFields.present(m, "poll")) return MessageType.POLL;
        if (mediaType != null) {
            switch (mediaType) {
                case "voice_message": return MessageType.VOICE;
                case "video_file", "video_message", "animation": return MessageType.VIDEO;
                case "sticker": return MessageType.STICKER;
                default: break;
            }
        }
        return JsonFields.present(m, "file") ? MessageType.FILE : MessageType.TEXT;
    }

    /**
     * The photo of a message, or null.
     *
     * @param key a stable key of the message (conversation and message id), for absent files
     */
    Attachment photo(JsonNode m, String key, String path) throws IOException {
        String ref = fields.string(m, "photo", path);
        if (ref == null) return null;
        long size = fields.count(m, "photo_file_size", path);
        return attachment(ref, key + ":photo", nameOf(ref, "photo.jpg"), null, size, path + ".photo");
    }

    /** The file of a message (a document, voice note, video, sticker…) with its thumbnail, or null. */
    Attachment file(JsonNode m, String key, String path) throws IOException {
        String ref = fields.string(m, "file", path);
        if (ref == null) return null;
        String name = fields.string(m, "file_name", path);
        if (name == null || name.isBlank()) name = nameOf(ref, "file");
        String mime = fields.string(m, "mime_type", path);
        long size = fields.count(m, "file_size", path);
        Attachment main = attachment(ref, key + ":file", name, mime, size, path + ".file");
        String thumbRef = fields.string(m, "thumbnail", path);
        if (thumbRef == null) return main;
        Path thumb = resolve(thumbRef, path + ".thumbnail");
        if (thumb == null) return main;
        Attachment t = sink.file(thumb, nameOf(thumbRef, "thumbnail.jpg"), null);
        return new Attachment(main.contentId(), main.name(), main.mime(), main.size(), t.contentId());
    }

    /** A contact's vCard file, or null. */
    Attachment vcard(JsonNode m, String key, String path) throws IOException {
        String ref = fields.string(m, "contact_vcard", path);
        if (ref == null) return null;
        long size = fields.count(m, "contact_vcard_file_size", path);
        return attachment(ref, key + ":contact_vcard", nameOf(ref, "contact.vcf"), "text/vcard", size, path + ".contact_vcard");
    }

    private Attachment attachment(String ref, String key, String name, String mime, long size, String where) throws IOException {
        Path file = resolve(ref, where);
        return file == null ? sink.absent(key, name, mime, size) : sink.file(file, name, mime);
    }

    /** The file {@code ref} names, or null for a placeholder or a file the export lacks. */
    private Path resolve(String ref, String where) throws IOException {
        if (ref.isEmpty() || ref.startsWith("(")) return null;
        Path file;
        try {
            file = folder.resolve(ref).normalize();
        } catch (InvalidPathException e) {
            throw fields.fail(where, "expected a file path relative to the export folder, found '" + JsonFields.shorten(ref) + "'");
        }
        if (!file.startsWith(folder)) throw outside(ref, where);
        if (!Files.isRegularFile(file)) return null;
        // a link inside the export must not lead out of it either
        if (!file.toRealPath().startsWith(realFolder)) throw outside(ref, where);
        return file;
    }

    private RuntimeException outside(String ref, String where) {
        return fields.fail(where, "expected a file inside the export folder " + folder + ", found '" + JsonFields.shorten(ref)
                + "', which leads outside it");
    }

    private static String nameOf(String ref, String fallback) {
        if (ref.isEmpty() || ref.startsWith("(")) return fallback;
        int slash = Math.max(ref.lastIndexOf('/'), ref.lastIndexOf('\\'));
        String name = ref.substring(slash + 1);
        return name.isEmpty() ? fallback : name;
    }
}
