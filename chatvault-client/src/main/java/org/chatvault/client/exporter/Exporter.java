package org.chatvault.client.exporter;

import java.io.IOException;
import java.nio.file.Path;
import org.chatvault.client.local.LocalStore;

/**
 * Writes the LocalStore, or part of it, as readable files in a directory. Streamed: a conversation
 * of any size is read and written message by message, never held whole in memory. Works with no
 * server and no session (an export is a local read), so it works whatever the subscription's state.
 */
public interface Exporter {
    ExportFormat format();

    /**
     * @param directory an empty or new directory (the service checks)
     */
    ExportReport export(LocalStore store, Path directory, ExportOptions options) throws IOException;
}
