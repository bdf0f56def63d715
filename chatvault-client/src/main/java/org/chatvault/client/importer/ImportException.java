package org.chatvault.client.importer;

import java.io.IOException;
import java.nio.file.Path;
import org.chatvault.client.ClientException;

/**
 * An export that cannot be imported: it names the file, the place in it (a line, a JSON path, a
 * zip entry) and what was expected there, so the user can see what is wrong without a stack
 * trace. Nothing of a failed import stays in the LocalStore.
 */
public final class ImportException extends ClientException {
    private ImportException(String message, Throwable cause) { super(message, cause); }

    /**
     * @param file     the file that was being read (inside a zip: the zip)
     * @param where    the place in it, as a reader would find it: {@code "line 12"}, {@code "$.messages[3].date"},
     *                 {@code "entry 'WhatsApp Chat.txt', line 4"}
     * @param problem  what was expected and what was found, e.g. {@code "expected a date like 31/12/2024, found 'hello'"}
     */
    public static ImportException at(Path file, String where, String problem) {
        return new ImportException("cannot import " + file + ", " + where + ": " + problem, null);
    }

    /** A problem with the file as a whole (empty, binary, not this format). */
    public static ImportException of(Path file, String problem) {
        return new ImportException("cannot import " + file + ": " + problem, null);
    }

    /** The file could not be read at all. */
    public static ImportException unreadable(Path file, IOException e) {
        return new ImportException("cannot read " + file + ": " + e.getMessage(), e);
    }
}
