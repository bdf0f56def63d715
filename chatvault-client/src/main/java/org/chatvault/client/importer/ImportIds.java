package org.chatvault.client.importer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable ids for what an export does not number itself. The same parts always give the same id,
 * on any device, so re-importing merges instead of duplicating.
 */
public final class ImportIds {
    private ImportIds() {}

    /** 32 hex characters of the SHA-256 of the parts (each length-prefixed, so ("ab","c") ≠ ("a","bc")). */
    public static String hash(String... parts) {
        MessageDigest sha = sha256();
        for (String p : parts) {
            byte[] b = (p == null ? "\u0000null" : p).getBytes(StandardCharsets.UTF_8);
            sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(b);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
