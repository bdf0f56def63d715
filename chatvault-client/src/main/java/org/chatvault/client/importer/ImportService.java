package org.chatvault.client.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.chatvault.client.ClientException;
import org.chatvault.client.local.ImportRecord;
import org.chatvault.client.local.LocalStore;

/**
 * Imports another app's export into the LocalStore as one transaction: either every message of
 * the export is there afterwards or none is (and the files it copied in are taken back). The next
 * backup sends what is new to the vault; message ids are stable, so importing the same export
 * again, or on another device, adds nothing.
 */
public final class ImportService {
    private final LocalStore store;
    private final Clock clock;

    public ImportService(LocalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param format null to detect it from the file
     * @throws ImportException for input that cannot be imported, naming the file, the place and what was expected
     */
    public ImportReport run(Path source, ImportFormat format, ImportOptions options) {
        if (!Files.exists(source)) throw ImportException.of(source, "no such file or directory");
        return runWith(source, format == null ? Importers.detect(source) : Importers.of(format), options);
    }

    /** Imports with the given importer (the format already known). */
    public ImportReport runWith(Path source, Importer importer, ImportOptions options) {
        if (!Files.exists(source)) throw ImportException.of(source, "no such file or directory");
        StoreImportSink sink = new StoreImportSink(store);
        try {
            store.inTransaction(() -> {
                try {
                    importer.read(source, options, sink);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                sink.flush();
                store.recordImport(new ImportRecord(clock.millis(), source.toAbsolutePath().toString(), importer.format().cliName(),
                        options.zone().getId(), sink.messagesRead(), sink.messagesAdded()));
            });
        } catch (UncheckedIOException e) {
            sink.discardNewFiles();
            throw ImportException.unreadable(source, e.getCause());
        } catch (ClientException e) {
            sink.discardNewFiles();
            throw e;
        } catch (IllegalArgumentException e) {
            // the model refused a value the importer took from the file (a negative size, say)
            sink.discardNewFiles();
            throw ImportException.of(source, "invalid content: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            sink.discardNewFiles();
            throw e;
        }
        return new ImportReport(source, importer.format(), options.zone(), sink.conversationCount(), sink.messagesRead(),
                sink.messagesAdded(), sink.files(), sink.absentFiles());
    }
}
