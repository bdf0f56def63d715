package org.chatvault.core.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.chatvault.core.error.CorruptDataException;

/**
 * AES-256-GCM with a 96-bit nonce and 128-bit tag. Input is fed in 64 KiB slices: on JDK 25 one
 * {@code doFinal} over several MiB is ten times slower than sliced updates.
 */
final class AesGcm {
    static final int NONCE_BYTES = ObjectCipher.NONCE_BYTES;
    static final int TAG_BYTES = ObjectCipher.TAG_BYTES;
    private static final int SLICE = 64 * 1024;

    private AesGcm() {}

    /** A cipher to pass to the methods below; reusing one saves a provider lookup per object. */
    static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plain, int off, int len) {
        return encrypt(newCipher(), key, nonce, aad, plain, off, len);
    }

    static byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] cipherText, int off, int len) {
        return decrypt(newCipher(), key, nonce, aad, cipherText, off, len);
    }

    static byte[] encrypt(Cipher c, byte[] key, byte[] nonce, byte[] aad, byte[] plain, int off, int len) {
        try {
            init(c, Cipher.ENCRYPT_MODE, key, nonce, aad);
            return sliced(c, plain, off, len, new byte[len + TAG_BYTES]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Encrypts {@code buf[off, off+len)} in place and writes the tag right after it (the JDK's GCM is copy-safe in place). */
    static byte[] encryptInPlace(Cipher c, byte[] key, byte[] nonce, byte[] aad, byte[] buf, int off, int len) {
        if (buf.length - off - len < TAG_BYTES) throw new IllegalArgumentException("no room for the tag after the plaintext");
        try {
            init(c, Cipher.ENCRYPT_MODE, key, nonce, aad);
            int o = off;
            int end = off + len;
            for (int p = off; p < end; p += SLICE) {
                o += c.update(buf, p, Math.min(SLICE, end - p), buf, o);
            }
            c.doFinal(buf, o);
            return buf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    static byte[] decrypt(Cipher c, byte[] key, byte[] nonce, byte[] aad, byte[] cipherText, int off, int len) {
        if (len < TAG_BYTES) throw new CorruptDataException("ciphertext shorter than its tag");
        try {
            init(c, Cipher.DECRYPT_MODE, key, nonce, aad);
            return sliced(c, cipherText, off, len, new byte[len - TAG_BYTES]);
        } catch (AEADBadTagException e) {
            throw new CorruptDataException("authentication failed: data was altered or belongs to another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Keys {@code c} with zeros, so the schedule of the last key it used is overwritten (as far as the provider reuses its arrays). */
    static void rekeyWithZeros(Cipher c) {
        try {
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(new byte[32], "AES"), new GCMParameterSpec(TAG_BYTES * 8, new byte[NONCE_BYTES]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** Runs the keyed {@code c} over {@code len} bytes of {@code in} from {@code off} into {@code out}, in slices (see above). */
    private static byte[] sliced(Cipher c, byte[] in, int off, int len, byte[] out) throws GeneralSecurityException {
        int o = 0;
        int end = off + len;
        for (int p = off; p < end; p += SLICE) {
            o += c.update(in, p, Math.min(SLICE, end - p), out, o);
        }
        c.doFinal(out, o);
        return out;
    }

    private static void init(Cipher c, int mode, byte[] key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        c.updateAAD(aad);
    }
}
