package org.chatvault.server.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The credential the server issues to a device at its first login: 32 random bytes,
 * base64url without padding. Only its SHA-256 is stored; 256 random bits need no slow hash.
 */
final class DeviceCredentials {
    static final int ENCODED_LENGTH = 43;

    private DeviceCredentials() {}

    static String generate(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static byte[] hash(String credential) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(credential.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Whether {@code presented} hashes to {@code storedHash}, compared in constant time. */
    static boolean matches(String presented, byte[] storedHash) {
        if (presented == null || presented.length() != ENCODED_LENGTH) return false;
        return MessageDigest.isEqual(hash(presented), storedHash);
    }
}
