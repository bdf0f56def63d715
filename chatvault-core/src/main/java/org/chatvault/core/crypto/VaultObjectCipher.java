package org.chatvault.core.crypto;

import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.Mac;

/**
 * {@link ObjectCipher} of docs/FORMAT.md §3: ids by HMAC under the object-id key, per-object keys by
 * HMAC of the id under the object or manifest key, bodies by AES-256-GCM. Its {@code Mac}s are keyed
 * once (reusing them saves a provider lookup and a key setup per object); every call first checks
 * that the {@link VaultKeys} it came from are still open.
 */
final class VaultObjectCipher implements ObjectCipher {
    private final VaultKeys keys;
    private final Mac idMac;
    private final Mac contentKeyMac;
    private final Mac structureKeyMac;
    private final Cipher cipher = AesGcm.newCipher();

    VaultObjectCipher(VaultKeys keys) {
        this.keys = keys;
        this.idMac = Hmac.keyed(keys.objectIdKey());
        this.contentKeyMac = Hmac.keyed(keys.objectKey());
        this.structureKeyMac = Hmac.keyed(keys.manifestKey());
    }

    @Override public byte[] objectId(int kindCode, byte[] plain) {
        keys.checkOpen();
        idMac.update((byte) kindCode);
        idMac.update(plain);
        return idMac.doFinal();
    }

    @Override public byte[] objectId(int kindCode, byte[] plain, int off, int len) {
        keys.checkOpen();
        idMac.update((byte) kindCode);
        idMac.update(plain, off, len);
        return idMac.doFinal();
    }

    @Override public void encryptInPlace(ObjectClass objectClass, byte[] objectId, byte[] nonce, byte[] aad, byte[] buf, int off, int len) {
        underPerObjectKey(objectClass, objectId, key -> AesGcm.encryptInPlace(cipher, key, nonce, aad, buf, off, len));
    }

    @Override public byte[] encrypt(ObjectClass objectClass, byte[] objectId, byte[] nonce, byte[] aad, byte[] plain, int off, int len) {
        return underPerObjectKey(objectClass, objectId, key -> AesGcm.encrypt(cipher, key, nonce, aad, plain, off, len));
    }

    @Override public byte[] decrypt(ObjectClass objectClass, byte[] objectId, byte[] nonce, byte[] aad, byte[] cipherText, int off, int len) {
        return underPerObjectKey(objectClass, objectId, key -> AesGcm.decrypt(cipher, key, nonce, aad, cipherText, off, len));
    }

    /** Runs {@code op} with the per-object key of §3.3, {@code HMAC-SHA256(rootKey, id)}, and wipes the key after. */
    private byte[] underPerObjectKey(ObjectClass objectClass, byte[] objectId, UnaryOperator<byte[]> op) {
        keys.checkOpen();
        Mac m = objectClass == ObjectClass.STRUCTURE ? structureKeyMac : contentKeyMac;
        byte[] key = m.doFinal(objectId);
        try {
            return op.apply(key);
        } finally {
            Bytes.wipe(key);
        }
    }

    /** Called when the keys close: overwrites what the Macs and the cipher derived from them. */
    void wipe() {
        Hmac.rekeyWithZeros(idMac);
        Hmac.rekeyWithZeros(contentKeyMac);
        Hmac.rekeyWithZeros(structureKeyMac);
        AesGcm.rekeyWithZeros(cipher);
    }
}
