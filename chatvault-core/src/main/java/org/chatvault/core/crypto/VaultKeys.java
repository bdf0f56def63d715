package org.chatvault.core.crypto;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import javax.crypto.Mac;
import javax.security.auth.Destroyable;

/**
 * The subkeys HKDF derives from the master key; see docs/FORMAT.md §2. They are used through its
 * methods and never handed out: {@link #newObjectCipher()} seals and opens objects, {@link #chunkingMac}
 * keys FastCDC's gear table. {@link #close()} zeroes every subkey and re-keys with zeros the ciphers
 * made from them; after it every method, here and on those ciphers, throws {@link IllegalStateException}.
 * Close them after the workers using those ciphers are done: a call still running on another thread
 * when they close may fail or give a wrong result (it is the caller's bug), every later call throws.
 */
public final class VaultKeys implements Destroyable, AutoCloseable {
    static final String LABEL_OBJECT_ID = "chatvault/v1/object-id";
    static final String LABEL_OBJECT_ENCRYPTION = "chatvault/v1/object-encryption";
    static final String LABEL_MANIFEST = "chatvault/v1/manifest";
    static final String LABEL_CHUNKING = "chatvault/v1/chunking";

    private final byte[] objectIdKey;
    private final byte[] objectKey;
    private final byte[] manifestKey;
    private final byte[] chunkingKey;
    // Weak: a codec dropped by its worker needs no wiping by us, and must not be kept alive by the keys.
    private final Set<VaultObjectCipher> ciphers = Collections.newSetFromMap(new WeakHashMap<>());
    private Mac chunkingMac; // made on first use, so the chunking key is copied into one JCA object only
    private volatile boolean destroyed;

    VaultKeys(byte[] objectIdKey, byte[] objectKey, byte[] manifestKey, byte[] chunkingKey) {
        this.objectIdKey = objectIdKey;
        this.objectKey = objectKey;
        this.manifestKey = manifestKey;
        this.chunkingKey = chunkingKey;
    }

    /** A cipher for vault objects under these keys; one per thread (it is not thread-safe). */
    public synchronized ObjectCipher newObjectCipher() {
        checkOpen();
        VaultObjectCipher c = new VaultObjectCipher(this);
        ciphers.add(c);
        return c;
    }

    /** {@code HMAC-SHA256(chunkingKey, message)}: FastCDC's keyed gear table is made of these (docs/FORMAT.md §12.2). */
    public synchronized byte[] chunkingMac(byte[] message) {
        checkOpen();
        if (chunkingMac == null) chunkingMac = Hmac.keyed(chunkingKey);
        return chunkingMac.doFinal(message);
    }

    // The raw subkeys, for this package only: VaultObjectCipher keys its Macs with them, the vector tests read them.

    /** Keys the HMAC that names objects. */
    byte[] objectIdKey() { checkOpen(); return objectIdKey; }

    /** Root of per-object keys for content objects (segments, media). */
    byte[] objectKey() { checkOpen(); return objectKey; }

    /** Root of per-object keys for structure objects (root manifest, conversation indexes). */
    byte[] manifestKey() { checkOpen(); return manifestKey; }

    /** Keys the account's FastCDC gear table (docs/FORMAT.md §12.2), so cut points are secret per account. */
    byte[] chunkingKey() { checkOpen(); return chunkingKey; }

    void checkOpen() {
        if (destroyed) throw new IllegalStateException("keys closed");
    }

    @Override public synchronized void destroy() {
        destroyed = true;
        for (VaultObjectCipher c : ciphers) c.wipe();
        ciphers.clear();
        if (chunkingMac != null) Hmac.rekeyWithZeros(chunkingMac);
        Bytes.wipe(objectIdKey);
        Bytes.wipe(objectKey);
        Bytes.wipe(manifestKey);
        Bytes.wipe(chunkingKey);
    }

    @Override public boolean isDestroyed() { return destroyed; }

    @Override public void close() { destroy(); }
}
