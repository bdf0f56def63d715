package org.chatvault.client.importer;

import java.util.Locale;
import java.util.Map;

/** Media types from file names, for exports that do not state them. */
public final class MimeTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("bmp", "image/bmp"), Map.entry("tgs", "application/x-tgsticker"), Map.entry("webm", "video/webm"),
            Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"), Map.entry("3gp", "video/3gpp"),
            Map.entry("opus", "audio/ogg"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
            Map.entry("m4a", "audio/mp4"), Map.entry("mp3", "audio/mpeg"), Map.entry("aac", "audio/aac"),
            Map.entry("amr", "audio/amr"), Map.entry("silk", "audio/silk"), Map.entry("wav", "audio/wav"),
            Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"), Map.entry("zip", "application/zip"),
            Map.entry("vcf", "text/vcard"), Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

    private MimeTypes() {}

    /** The media type of a file name, {@code application/octet-stream} when unknown. */
    public static String of(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        if (dot < 0) return "application/octet-stream";
        return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
