package org.chatvault.core.crypto;

import javax.security.auth.Destroyable;

/** The subkeys HKDF derives from the master key; see docs/FORMAT.md §2. */
public final class VaultKeys implements Destroyable, AutoCloseable {
    static final String LABEL_OBJECT_ID = "chatvault/v1/object-id";
    static final String LABEL_OBJECT_ENCRYPTION = "chatvault/v1/object-encryption";
    static final String LABEL_MANIFEST = "chatvault/v1/manifest";
    static final String LABEL_CHUNKING = "chatvault/v1/chunking";

    private final byte[] objectIdKey;
    private final byte[] objectKey;
    private final byte[] manifestKey;
    private final byte[] chunkingKey;
    private boolean destroyed;

    VaultKeys(byte[] objectIdKey, byte[] objectKey, byte[] manifestKey, byte[] chunkingKey) {
        this.objectIdKey = objectIdKey;
        this.objectKey = objectKey;
        this.manifestKey = manifestKey;
        this.chunkingKey = chunkingKey;
    }

    /** Keys the HMAC that names objects. */
    public byte[] objectIdKey() { check(); return objectIdKey; }

    /** Root of per-object keys for content objects (segments, media). */
    public byte[] objectKey() { check(); return objectKey; }

    /** Root of per-object keys for structure objects (root manifest, conversation indexes). */
    public byte[] manifestKey() { check(); return manifestKey; }

    /** Keys the account's FastCDC gear table (docs/FORMAT.md §12.2), so cut points are secret per account. */
    public byte[] chunkingKey() { check(); return chunkingKey; }

    private void check() {
        if (destroyed) throw new IllegalStateException("vault keys were destroyed");
    }

    @Override public void destroy() {
        Bytes.wipe(objectIdKey);
        Bytes.wipe(objectKey);
        Bytes.wipe(manifestKey);
        Bytes.wipe(chunkingKey);
        destroyed = true;
    }

    @Override public boolean isDestroyed() { return destroyed; }

    @Override public void close() { destroy(); }
}
