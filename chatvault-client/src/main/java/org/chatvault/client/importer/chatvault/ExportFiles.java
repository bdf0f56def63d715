package org.chatvault.client.importer.chatvault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.client.local.MediaFiles;

/**
 * The media files an export names, relative to its directory. A name that leads out of the
 * directory (an absolute path, {@code ..}, a link) is refused: importing a file someone sent must
 * never copy other files of this computer into the vault.
 */
final class ExportFiles {
    private final Path dir;
    private final Function<String, ImportException> fail;
    private Path realDir;

    ExportFiles(Path exportDir, Function<String, ImportException> fail) {
        this.dir = exportDir.toAbsolutePath().normalize();
        this.fail = fail;
    }

    /** The file {@code relative} names, checked to lie inside the export directory; null for null. */
    Path inside(String relative) {
        if (relative == null) return null;
        Path path;
        try {
            path = Path.of(relative);
        } catch (InvalidPathException e) {
            throw fail.apply("expected a file path relative to the export directory, found '" + relative + "'");
        }
        if (relative.isEmpty() || path.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\"))
            throw fail.apply("expected a file path relative to the export directory (like media/photo_0123abcd.jpg), found '" + relative + "'");
        Path resolved = dir.resolve(path).normalize();
        if (!resolved.startsWith(dir) || resolved.equals(dir))
            throw fail.apply("expected a file path inside the export directory, found '" + relative + "', which leads out of it");
        return resolved;
    }

    /**
     * Copies {@code file} into the store's media under {@code contentId}. A file the export names
     * but that is not there (only the JSON was copied along) is left out: the attachment is kept
     * without its file, as on a device that has not fetched it yet.
     */
    void copy(ImportSink sink, String contentId, Path file, String idField) throws IOException {
        if (file == null || !Files.isRegularFile(file)) return;
        if (!MediaFiles.validId(contentId))
            throw fail.apply("expected a " + idField + " usable as a file name (letters, digits, '.', '_', '-') for an attachment with a file, found '"
                    + contentId + "'");
        if (realDir == null) realDir = dir.toRealPath();
        if (!file.toRealPath().startsWith(realDir))
            throw fail.apply("expected a file inside the export directory, found '" + dir.relativize(file) + "', a link that leads out of it");
        sink.contentFile(contentId, file);
    }
}
