package org.chatvault.core.crypto;

import javax.security.auth.Destroyable;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The vault signing key (docs/FORMAT.md §2): an Ed25519 key pair whose 32-byte seed is derived from
 * the master key, so every device that can open the vault can sign, and nothing else can. The server
 * holds only the public half and refuses a request that reads or changes the vault without a valid
 * signature: the login password alone opens nothing and changes nothing.
 *
 * <p>Bouncy Castle's RFC 8032 primitives are used on raw arrays (not its key-parameter objects) so
 * that the seed lives in one array of ours, which {@link #close()} zeroes.
 */
public final class VaultSigningKey implements Destroyable, AutoCloseable {
    static final String LABEL = "chatvault/v1/vault-signing";
    public static final int PUBLIC_KEY_BYTES = Ed25519.PUBLIC_KEY_SIZE;
    public static final int SIGNATURE_BYTES = Ed25519.SIGNATURE_SIZE;

    private final byte[] seed;
    private final byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
    private volatile boolean destroyed;

    /** Takes ownership of the 32-byte {@code seed}. */
    VaultSigningKey(byte[] seed) {
        if (seed.length != Ed25519.SECRET_KEY_SIZE) throw new IllegalArgumentException("signing seed must be 32 bytes");
        this.seed = seed;
        Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    }

    /** The public key the server verifies with (32 bytes, RFC 8032 encoding); a copy. */
    public byte[] publicKey() {
        check();
        return publicKey.clone();
    }

    /** An Ed25519 signature (64 bytes) over {@code message}. */
    public byte[] sign(byte[] message) {
        check();
        byte[] signature = new byte[SIGNATURE_BYTES];
        Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /**
     * Whether {@code signature} is {@code publicKey}'s signature over {@code message}. False, never
     * an exception, for keys or signatures of the wrong length or not on the curve.
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || signature == null || message == null) return false;
        if (publicKey.length != PUBLIC_KEY_BYTES || signature.length != SIGNATURE_BYTES) return false;
        try {
            return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false; // a malformed point is a failed verification, not an error
        }
    }

    /**
     * Whether {@code publicKey} is a 32-byte encoding of a point of prime order on the curve
     * (RFC 8032 decoding plus the small-order checks), so a registered key can verify something.
     */
    public static boolean isValidPublicKey(byte[] publicKey) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_BYTES) return false;
        try {
            return Ed25519.validatePublicKeyFull(publicKey, 0);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void check() {
        if (destroyed) throw new IllegalStateException("keys closed");
    }

    @Override public void destroy() {
        destroyed = true;
        Bytes.wipe(seed);
    }

    @Override public boolean isDestroyed() { return destroyed; }

    @Override public void close() { destroy(); }
}
