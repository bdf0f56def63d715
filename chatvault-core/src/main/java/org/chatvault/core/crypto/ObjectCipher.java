package org.chatvault.core.crypto;

/**
 * The keyed half of sealing and opening vault objects (docs/FORMAT.md §3.2–3.5): object ids and
 * AES-256-GCM under per-object keys. The keys never leave it: callers pass an object's id and get
 * ciphertext or plaintext back. Obtained from {@link VaultKeys#newObjectCipher()}; it stops working
 * (every method throws {@link IllegalStateException}) once those keys are closed.
 *
 * <p>Not thread-safe: it holds keyed {@code Mac} and {@code Cipher} instances, which cost more to set
 * up than to use on a small object. Give each worker thread its own.
 */
public interface ObjectCipher {
    int NONCE_BYTES = 12;
    int TAG_BYTES = 16;

    /** Which subkey roots an object's per-object key (§3.3): the "class" column of §3.1. */
    enum ObjectClass { CONTENT, STRUCTURE }

    /** {@code HMAC-SHA256(objectIdKey, u8(kindCode) ‖ plain)}: the 32-byte id of an object (§3.2). */
    byte[] objectId(int kindCode, byte[] plain);

    /** {@link #objectId(int, byte[])} of {@code plain[off, off+len)}. */
    default byte[] objectId(int kindCode, byte[] plain, int off, int len) {
        return objectId(kindCode, java.util.Arrays.copyOfRange(plain, off, off + len));
    }

    /**
     * AES-256-GCM of {@code plain[off, off+len)} under the per-object key of {@code objectId}.
     *
     * @return ciphertext ‖ 16-byte tag
     */
    byte[] encrypt(ObjectClass objectClass, byte[] objectId, byte[] nonce, byte[] aad, byte[] plain, int off, int len);

    /**
     * {@link #encrypt} where the ciphertext and tag overwrite {@code buf[off, off+len+TAG_BYTES)}:
     * the plaintext in place, followed by room for the tag. Saves a large object a second array
     * and a copy.
     */
    default void encryptInPlace(ObjectClass objectClass, byte[] objectId, byte[] nonce, byte[] aad, byte[] buf, int off, int len) {
        byte[] ct = encrypt(objectClass, objectId, nonce, aad, buf, off, len);
        System.arraycopy(ct, 0, buf, off, ct.length);
    }

    /**
     * Authenticates and decrypts {@code cipherText[off, off+len)} (ciphertext ‖ tag) under the
     * per-object key of {@code objectId}.
     *
     * @throws org.chatvault.core.error.CorruptDataException if it does not authenticate
     */
    byte[] decrypt(ObjectClass objectClass, byte[] objectId, byte[] nonce, byte[] aad, byte[] cipherText, int off, int len);
}
