package org.chatvault.client.exporter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.chatvault.client.local.MediaFiles;
import org.chatvault.core.model.Attachment;

/**
 * Copies attachment files into an export's {@code media/} folder under readable, unique names
 * ({@code media/<name>_<first 16 characters of the content id>.<extension>}), each content once,
 * and says where they went, relative to the export's top directory. Every exporter that writes
 * files uses it, so all exports lay media out alike (docs/EXPORT.md).
 */
public final class ExportMedia {
    public static final String FOLDER = "media";

    private final MediaFiles media;
    private final Path exportDir;
    private long copied;
    private long missing;

    public ExportMedia(MediaFiles media, Path exportDir) {
        this.media = media;
        this.exportDir = exportDir;
    }

    /** The attachment's file, copied into the export; empty (and counted missing) when this device lacks it. */
    public Optional<String> file(Attachment a) throws IOException {
        return copy(a.contentId(), a.name(), a.mime());
    }

    /** The attachment's thumbnail, copied into the export; empty when it has none or this device lacks it. */
    public Optional<String> thumbnail(Attachment a) throws IOException {
        if (a.thumbnailId() == null) return Optional.empty();
        return copy(a.thumbnailId(), "thumb_" + stem(a.name()) + ".jpg", "image/jpeg");
    }

    public long copied() { return copied; }

    public long missing() { return missing; }

    private Optional<String> copy(String contentId, String name, String mime) throws IOException {
        if (!MediaFiles.validId(contentId) || !media.has(contentId)) {
            missing++;
            return Optional.empty();
        }
        String relative = FOLDER + "/" + fileName(contentId, name, mime);
        Path target = exportDir.resolve(relative);
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            try (InputStream in = media.open(contentId)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            copied++;
        }
        return Optional.of(relative);
    }

    /** A name safe on every file system: letters, digits, '-', '_' and '.', at most 60 characters of the original. */
    static String fileName(String contentId, String name, String mime) {
        String ext = extension(name, mime);
        return stem(name) + "_" + contentId.substring(0, Math.min(16, contentId.length())) + ext;
    }

    private static String stem(String name) {
        String base = name == null ? "" : name;
        int dot = base.lastIndexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        String safe = base.replaceAll("[^\\p{L}\\p{N}_-]+", "_");
        if (safe.isEmpty() || safe.equals("_")) safe = "file";
        return safe.length() > 60 ? safe.substring(0, 60) : safe;
    }

    private static String extension(String name, String mime) {
        if (name != null) {
            int dot = name.lastIndexOf('.');
            if (dot > 0 && dot < name.length() - 1) {
                String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
                if (ext.matches("[a-z0-9]{1,8}")) return "." + ext;
            }
        }
        return switch (mime == null ? "" : mime) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "image/webp" -> ".webp";
            case "image/gif" -> ".gif";
            case "video/mp4" -> ".mp4";
            case "audio/ogg" -> ".ogg";
            case "audio/mp4" -> ".m4a";
            case "application/pdf" -> ".pdf";
            default -> ".bin";
        };
    }
}
