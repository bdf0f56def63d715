package org.chatvault.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The short code both devices show during approval (docs/FORMAT.md §5.7): derived from the new
 * device's X25519 public key and the vault signing public key, so a server that swapped either key
 * makes the codes differ. 40 bits: a hostile server that wants its own key to show the same code
 * must find one among about 2<sup>40</sup> candidates within the request's lifetime
 * (docs/THREAT_MODEL.md).
 */
public final class ApprovalCode {
    static final String LABEL = "chatvault/v1/approval-code";
    /** 32 symbols, without 0/O and 1/I, so a code read aloud or typed cannot be misread. */
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int SYMBOLS = 8;

    private ApprovalCode() {}

    /** The code, as {@code XXXX-XXXX}. */
    public static String of(byte[] devicePublicKey, byte[] vaultPublicKey) {
        if (devicePublicKey == null || devicePublicKey.length != DeviceKeyPair.PUBLIC_KEY_BYTES)
            throw new IllegalArgumentException("a device public key is 32 bytes");
        if (vaultPublicKey == null) throw new IllegalArgumentException("the vault public key is required");
        byte[] bits = Hkdf.derive(Bytes.concat(devicePublicKey, vaultPublicKey), LABEL, 5);
        long v = 0;
        for (byte b : bits) v = (v << 8) | (b & 0xFF);
        StringBuilder code = new StringBuilder(SYMBOLS + 1);
        for (int i = SYMBOLS - 1; i >= 0; i--) {
            code.append(ALPHABET.charAt((int) (v >>> (5 * i)) & 31));
            if (i == SYMBOLS / 2) code.append('-');
        }
        return code.toString();
    }

    /** The code as a user may have typed it, upper-cased and with spaces and dashes dropped, in the {@code XXXX-XXXX} form. */
    public static String normalize(String typed) {
        if (typed == null) return "";
        StringBuilder b = new StringBuilder();
        for (char c : typed.toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) continue;
            b.append(Character.toUpperCase(c));
        }
        if (b.length() == SYMBOLS) b.insert(SYMBOLS / 2, '-');
        return b.toString();
    }

    /** Constant-time comparison of a typed code with the computed one. */
    public static boolean matches(String computed, String typed) {
        return Bytes.constantTimeEquals(computed.getBytes(StandardCharsets.US_ASCII), normalize(typed).getBytes(StandardCharsets.US_ASCII));
    }
}
