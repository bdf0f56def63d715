package org.chatvault.core.chunking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 256 Gear values of FastCDC (docs/FORMAT.md §12.2). They are format, not tuning: changing one
 * moves cut points and breaks dedup with every existing vault. So they are derived, not pasted:
 * {@code GEAR[i]} = the first 8 bytes, big-endian, of SHA-256("chatvault/v1/fastcdc-gear" ‖ u8(i)).
 */
final class GearTable {
    static final String LABEL = "chatvault/v1/fastcdc-gear";

    private GearTable() {
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
            byte[] d = sha.digest();
            long v = 0;
            for (int k = 0; k < 8; k++) v = (v << 8) | (d[k] & 0xff);
            gear[i] = v;
        }
        return gear;
    }
}
