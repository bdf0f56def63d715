package org.chatvault.server.config;

import java.util.Objects;
import org.chatvault.server.store.s3.S3Settings;
import org.chatvault.server.vault.ColdTierPolicy;

/** Where the server keeps pack blobs ({@code storage.objects}). */
public sealed interface ObjectBackend {
    /** The default: files under {@code objects/} in the data directory, for a single server process. */
    ObjectBackend FILESYSTEM = new FileSystem();

    /** Which packs go to a colder storage class, or null if every pack stays in one. */
    default ColdTierPolicy coldTier() {
        return this instanceof S3 s3 ? s3.settings().coldTier() : null;
    }

    /** Files in the data directory. */
    record FileSystem() implements ObjectBackend {}

    /** An S3-compatible bucket that any number of server instances share. */
    record S3(S3Settings settings) implements ObjectBackend {
        public S3 {
            Objects.requireNonNull(settings, "settings");
        }
    }
}
