package org.chatvault.core.crypto;

import java.security.SecureRandom;
import javax.security.auth.Destroyable;

/**
 * The account's 256-bit master key. Only ever leaves the client wrapped in a key slot ({@link KeySlots});
 * otherwise it is used only to derive the {@link VaultKeys}. {@link #close()} zeroes it; after that
 * every method throws {@link IllegalStateException}.
 */
public final class MasterKey implements Destroyable, AutoCloseable {
    public static final int BYTES = 32;
    private final byte[] key;
    private volatile boolean destroyed;

    private MasterKey(byte[] key) {
        if (key.length != BYTES) throw new IllegalArgumentException("master key must be 32 bytes");
        this.key = key;
    }

    public static MasterKey generate(SecureRandom random) {
        byte[] k = new byte[BYTES];
        random.nextBytes(k);
        return new MasterKey(k);
    }

    /** Takes ownership of {@code key}: it is wiped when this is destroyed. */
    public static MasterKey of(byte[] key) { return new MasterKey(key); }

    /** A copy of the raw key, for wrapping into a key slot in this package (and for the vector tests). The caller wipes it. */
    byte[] copyBytes() {
        check();
        return key.clone();
    }

    public VaultKeys deriveVaultKeys() {
        check();
        return new VaultKeys(
                Hkdf.derive(key, VaultKeys.LABEL_OBJECT_ID, 32),
                Hkdf.derive(key, VaultKeys.LABEL_OBJECT_ENCRYPTION, 32),
                Hkdf.derive(key, VaultKeys.LABEL_MANIFEST, 32),
                Hkdf.derive(key, VaultKeys.LABEL_CHUNKING, 32));
    }

    /** The vault signing key (docs/FORMAT.md §2); the caller closes it. */
    public VaultSigningKey deriveSigningKey() {
        check();
        return new VaultSigningKey(Hkdf.derive(key, VaultSigningKey.LABEL, 32));
    }

    private void check() {
        if (destroyed) throw new IllegalStateException("keys closed");
    }

    @Override public void destroy() {
        destroyed = true;
        Bytes.wipe(key);
    }

    @Override public boolean isDestroyed() { return destroyed; }

    @Override public void close() { destroy(); }
}
