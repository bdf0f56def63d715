package org.chatvault.client.exporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.files.OwnerOnly;

/** Exports the LocalStore into a new or empty directory, in one of the {@link ExportFormat}s. */
public final class ExportService {
    private final LocalStore store;

    public ExportService(LocalStore store) { this.store = store; }

    public ExportReport run(Path directory, ExportFormat format, ExportOptions options) {
        for (String id : options.conversationIds())
            if (store.conversation(id).isEmpty()) throw new ExportException("no conversation " + id + " in " + store.file());
        try {
            prepare(directory);
            return Exporters.of(format).export(store, directory, options);
        } catch (IOException e) {
            throw new ExportException("cannot write the export to " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a directory that holds anything (an export never overwrites or mixes with other
     * files). A new directory is made owner-only: an export is the user's chats in the clear.
     */
    private static void prepare(Path directory) throws IOException {
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) throw new ExportException(directory + " is a file: export writes into a new or empty directory");
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent())
                    throw new ExportException(directory + " is not empty: export writes into a new or empty directory");
            }
            return;
        }
        OwnerOnly.directory(directory);
    }
}
