package org.chatvault.core.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** Small helpers for secret and binary data: the one public utility of this package, for code that handles secrets it was given. */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {}

    /** Constant-time comparison, for anything secret or derived from a secret. */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    public static void wipe(byte[] secret) {
        if (secret != null) Arrays.fill(secret, (byte) 0);
    }

    public static void wipe(char[] secret) {
        if (secret != null) Arrays.fill(secret, '\0');
    }

    public static String hex(byte[] b) { return HEX.formatHex(b); }

    public static byte[] unhex(String s) { return HEX.parseHex(s); }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
