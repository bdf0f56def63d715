package org.chatvault.core.crypto;

import java.security.SecureRandom;
import java.util.Base64;
import javax.security.auth.Destroyable;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.chatvault.core.error.WrongKeyException;

/**
 * A device's X25519 key pair (docs/FORMAT.md §5.2): the master key is sealed to its public half
 * ({@link KeySlots#sealToDevice}), and only this device can open that slot. The private key is
 * kept in the device's owner-only profile and nowhere else.
 *
 * <p>Bouncy Castle's RFC 7748 primitives work on raw arrays, so the private key lives in one
 * array of ours that {@link #close()} zeroes.
 */
public final class DeviceKeyPair implements Destroyable, AutoCloseable {
    public static final int PUBLIC_KEY_BYTES = X25519.POINT_SIZE;
    static final int PRIVATE_KEY_BYTES = X25519.SCALAR_SIZE;

    private final byte[] privateKey;
    private final byte[] publicKey = new byte[PUBLIC_KEY_BYTES];
    private volatile boolean destroyed;

    /** Takes ownership of the 32-byte {@code privateKey}. */
    DeviceKeyPair(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_BYTES) throw new IllegalArgumentException("an X25519 private key is 32 bytes");
        this.privateKey = privateKey;
        X25519.generatePublicKey(privateKey, 0, publicKey, 0);
    }

    public static DeviceKeyPair generate(SecureRandom random) {
        byte[] k = new byte[PRIVATE_KEY_BYTES];
        X25519.generatePrivateKey(random, k);
        return new DeviceKeyPair(k);
    }

    /**
     * The key pair whose private key {@link #encodedPrivateKey()} gave.
     *
     * @throws WrongKeyException if {@code encoded} is not the base64 of 32 bytes
     */
    public static DeviceKeyPair fromEncodedPrivateKey(String encoded) {
        byte[] k;
        try {
            k = encoded == null ? null : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            k = null;
        }
        if (k == null || k.length != PRIVATE_KEY_BYTES) {
            Bytes.wipe(k);
            throw new WrongKeyException("the stored device key is not a 32-byte X25519 private key");
        }
        return new DeviceKeyPair(k);
    }

    /** The public key (32 bytes, RFC 7748 u-coordinate); a copy. */
    public byte[] publicKey() {
        check();
        return publicKey.clone();
    }

    /**
     * The private key in base64, only to be written to this device's owner-only secret file (it is
     * what the device needs to open its key slot after a restart); never log or send it.
     */
    public String encodedPrivateKey() {
        check();
        return Base64.getEncoder().encodeToString(privateKey);
    }

    /**
     * X25519 with {@code peerPublicKey}. The caller wipes the result.
     *
     * @throws WrongKeyException for a low-order peer key (the shared secret would be all zeros)
     */
    byte[] agree(byte[] peerPublicKey) {
        check();
        if (peerPublicKey.length != PUBLIC_KEY_BYTES) throw new WrongKeyException("an X25519 public key is 32 bytes");
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0))
            throw new WrongKeyException("the X25519 public key is of low order");
        return shared;
    }

    private void check() {
        if (destroyed) throw new IllegalStateException("keys closed");
    }

    @Override public void destroy() {
        destroyed = true;
        Bytes.wipe(privateKey);
    }

    @Override public boolean isDestroyed() { return destroyed; }

    @Override public void close() { destroy(); }
}
