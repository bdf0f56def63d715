package org.chatvault.server.config;

import java.util.Objects;
import org.chatvault.server.store.postgres.PostgresSettings;

/** Where the server keeps its metadata ({@code storage.metadata}). */
public sealed interface MetadataBackend {
    /** The default: {@code metadata.db} in the data directory, for a single server process. */
    MetadataBackend SQLITE = new Sqlite();

    /** Embedded SQLite in the data directory. */
    record Sqlite() implements MetadataBackend {}

    /** A PostgreSQL database that any number of server instances share. */
    record Postgres(PostgresSettings settings) implements MetadataBackend {
        public Postgres {
            Objects.requireNonNull(settings, "settings");
        }
    }
}
