package org.chatvault.core.chunking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chatvault.core.crypto.VaultKeys;

/**
 * The 256 Gear values of FastCDC (docs/FORMAT.md §12.2). They are format, not tuning: changing one
 * moves cut points and breaks dedup. So they are derived, not pasted.
 *
 * <ul>
 *   <li>The public table ({@link #derive()}): {@code GEAR[i]} = the first 8 bytes, big-endian, of
 *       SHA-256("chatvault/v1/fastcdc-gear" ‖ u8(i)). It defines the known-answer vectors only.</li>
 *   <li>An account's keyed table ({@link #keyed(byte[])}): {@code GEAR[i]} = the first 8 bytes,
 *       big-endian, of HMAC-SHA256(chunkingKey, "chatvault/v1/fastcdc-gear" ‖ u8(i)). Clients chunk
 *       media with it, so cut points (and chunk sizes) are secret per account.</li>
 * </ul>
 */
final class GearTable {
    static final String LABEL = "chatvault/v1/fastcdc-gear";

    private GearTable() {
    }

    /** The keyed table of an account whose chunking key is {@code chunkingKey} (32 bytes; not kept). */
    static long[] keyed(byte[] chunkingKey) {
        if (chunkingKey.length != 32) throw new IllegalArgumentException("chunking key must be 32 bytes");
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(chunkingKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
        return keyed(mac::doFinal);
    }

    /** The keyed table of the account whose subkeys are {@code keys}: the chunking key stays inside them. */
    static long[] keyed(VaultKeys keys) {
        return keyed(keys::chunkingMac);
    }

    /** {@code GEAR[i]} = the first 8 bytes of {@code chunkingMac(LABEL ‖ u8(i))}. */
    private static long[] keyed(UnaryOperator<byte[]> chunkingMac) {
        byte[] label = LABEL.getBytes(StandardCharsets.US_ASCII);
        byte[] message = Arrays.copyOf(label, label.length + 1);
        long[] gear = new long[256];
        for (int i = 0; i < 256; i++) {
            message[label.length] = (byte) i;
            byte[] d = chunkingMac.apply(message);
            gear[i] = first8(d);
            Arrays.fill(d, (byte) 0);
        }
        return gear;
    }

    private static long first8(byte[] d) {
        long v = 0;
        for (int k = 0; k < 8; k++) v = (v << 8) | (d[k] & 0xff);
        return v;
    }

    static long[] derive() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        byte[] label = LABEL.getBytes(StandardCharsets.US_ASCII);
        long[] gear = new long[256];
        for (int i = 0; i < 256; i++) {
            sha.update(label);
            sha.update((byte) i);
            gear[i] = first8(sha.digest());
        }
        return gear;
    }
}
