package org.chatvault.client.exporter.json;

/**
 * The names of Chatvault's open JSON export (docs/EXPORT.md), shared by the exporter that writes
 * it and the importer that reads it back, so the two cannot drift apart.
 */
public final class JsonExportSchema {
    /** The export's one JSON file, at the top of the export directory. */
    public static final String FILE_NAME = "chatvault-export.json";
    /** The value of the top-level {@code format} field. */
    public static final String FORMAT = "chatvault-export";
    /** The schema version this code writes, and the newest it reads. */
    public static final int VERSION = 1;

    // top level
    public static final String F_FORMAT = "format";
    public static final String F_VERSION = "version";
    public static final String F_EXPORTED_AT = "exportedAt";
    public static final String F_EXPORTED_AT_TEXT = "exportedAtText";
    public static final String F_SINCE = "since";
    public static final String F_CONVERSATIONS = "conversations";
    // conversation
    public static final String F_ID = "id";
    public static final String F_KIND = "kind";
    public static final String F_TITLE = "title";
    public static final String F_PARTICIPANTS = "participants";
    public static final String F_MESSAGES = "messages";
    // message (and F_ID)
    public static final String F_SENT_AT = "sentAt";
    public static final String F_SENT_AT_TEXT = "sentAtText";
    public static final String F_SENDER = "sender";
    public static final String F_TYPE = "type";
    public static final String F_TEXT = "text";
    public static final String F_REPLY_TO = "replyTo";
    public static final String F_FORWARDED_FROM = "forwardedFrom";
    public static final String F_EDITED_AT = "editedAt";
    public static final String F_EPHEMERAL = "ephemeral";
    public static final String F_ATTACHMENTS = "attachments";
    // attachment
    public static final String F_CONTENT_ID = "contentId";
    public static final String F_NAME = "name";
    public static final String F_MIME = "mime";
    public static final String F_SIZE = "size";
    public static final String F_THUMBNAIL_ID = "thumbnailId";
    public static final String F_FILE = "file";
    public static final String F_THUMBNAIL_FILE = "thumbnailFile";

    private JsonExportSchema() {}
}
