package org.chatvault.server.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Bearer tokens: 32 random bytes, base64url without padding; the server keeps only their SHA-256. */
final class Tokens {
    static final int BYTES = 32;
    /** Length of an encoded token; anything else cannot be one of ours. */
    static final int ENCODED_LENGTH = 43;

    private final SecureRandom random;

    Tokens(SecureRandom random) {
        this.random = random;
    }

    String generate() {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static boolean plausible(String token) {
        if (token == null || token.length() != ENCODED_LENGTH) return false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) return false;
        }
        return true;
    }
}
