package org.chatvault.client.importer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one kind of export into an {@link ImportSink}. Message ids come from the source's own ids
 * (or, where it has none, a stable hash of what identifies the line, see {@link ImportIds}), so the
 * same export imported twice, or on two devices, yields the same messages. Any input it cannot
 * read is refused with an {@link ImportException} naming the file, the place and what was
 * expected; an importer never returns having silently skipped a message it could not parse.
 */
public interface Importer {
    ImportFormat format();

    /**
     * Whether {@code path} (a file or a directory) looks like this format, from its name and first
     * bytes only: format detection asks every importer and must be quick. Never throws for
     * content that is merely not this format.
     */
    boolean recognizes(Path path) throws IOException;

    /** Reads the whole export into {@code sink}. */
    void read(Path path, ImportOptions options, ImportSink sink) throws IOException;
}
