package org.chatvault.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.chatvault.server.config.MetadataBackend;
import org.chatvault.server.config.ObjectBackend;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.storage.Readiness;
import org.chatvault.server.store.fs.FileSystemObjectStore;
import org.chatvault.server.store.s3.S3ObjectStore;
import org.chatvault.server.store.sql.SqlPackTiers;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.vault.PackTierIndex;
import org.chatvault.server.vault.PackTiering;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata and object stores a server runs on, chosen by its configuration and closed
 * together.
 *
 * @param description where the data lives, for the start-up log; never holds secrets
 */
record ServerStores(SqlStores metadata, ObjectStore objects, String description) implements AutoCloseable, Readiness {
    private static final Logger log = LoggerFactory.getLogger(ServerStores.class);
    static final String METADATA_FILE = "metadata.db";
    static final String OBJECTS_DIR = "objects";
    private static final String READINESS_PROBE = "readiness-probe";

    /**
     * Opens both stores; if the second cannot be opened, the first is closed again.
     *
     * @throws UncheckedIOException if the objects directory cannot be prepared
     * @throws org.chatvault.server.storage.StoreException if the metadata database cannot be opened or migrated
     */
    static ServerStores open(ServerConfig config, Path dataDir) {
        ObjectStore objects = openObjects(config.objects(), dataDir);
        try {
            SqlStores metadata = openMetadata(config.metadata(), dataDir);
            return new ServerStores(metadata, objects, "metadata in " + describe(config.metadata(), dataDir)
                    + ", objects in " + describe(config.objects(), dataDir));
        } catch (RuntimeException e) {
            closeObjects(objects);
            throw e;
        }
    }

    private static SqlStores openMetadata(MetadataBackend backend, Path dataDir) {
        return switch (backend) {
            case MetadataBackend.Sqlite sqlite -> SqlStores.sqlite(dataDir.resolve(METADATA_FILE));
            case MetadataBackend.Postgres postgres -> SqlStores.postgres(postgres.settings());
        };
    }

    private static ObjectStore openObjects(ObjectBackend backend, Path dataDir) {
        return switch (backend) {
            case ObjectBackend.FileSystem fs -> openFileSystem(dataDir.resolve(OBJECTS_DIR));
            case ObjectBackend.S3 s3 -> S3ObjectStore.open(s3.settings());
        };
    }

    private static FileSystemObjectStore openFileSystem(Path root) {
        try {
            FileSystemObjectStore store = new FileSystemObjectStore(root);
            store.removeTempFiles(); // half-written blobs of puts a crash interrupted
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare objects directory " + root, e);
        }
    }

    private static String describe(MetadataBackend backend, Path dataDir) {
        return switch (backend) {
            case MetadataBackend.Sqlite sqlite -> dataDir.resolve(METADATA_FILE).toString();
            case MetadataBackend.Postgres postgres -> postgres.settings().toString();
        };
    }

    private static String describe(ObjectBackend backend, Path dataDir) {
        return switch (backend) {
            case ObjectBackend.FileSystem fs -> dataDir.resolve(OBJECTS_DIR).toString();
            case ObjectBackend.S3 s3 -> s3.settings().toString();
        };
    }

    /** Which packs the object store keeps cold, as recorded in the metadata database. */
    PackTierIndex packTiers() {
        return new SqlPackTiers(metadata.database());
    }

    /** Where new packs go: those of old buckets straight to the cold tier, if the object backend has one. */
    PackTiering packTiering(ServerConfig config) {
        return PackTiering.of(config.objects().coldTier(), packTiers());
    }

    /** The metadata database answers a query, and the object store a lookup (of a key nothing is stored under). */
    @Override
    public Optional<String> unreachable() {
        if (!metadata.database().reachable()) return Optional.of("the metadata database is unreachable");
        try {
            objects.exists(READINESS_PROBE);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("readiness check: the object store is unreachable", e);
            return Optional.of("the object store is unreachable");
        }
    }

    @Override
    public void close() {
        try {
            metadata.close();
        } finally {
            closeObjects(objects);
        }
    }

    /** Remote object stores hold clients (connection pools, threads); the filesystem one holds nothing. */
    private static void closeObjects(ObjectStore objects) {
        if (!(objects instanceof AutoCloseable closeable)) return;
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing the object store failed", e);
        }
    }
}
