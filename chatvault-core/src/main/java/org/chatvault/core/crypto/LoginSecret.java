package org.chatvault.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * The secret a client sends to log in: Argon2id of the password, salted by the user name. It proves
 * the password to the server without revealing it, and it is no encryption key: the master key
 * is wrapped only by the recovery key, a passphrase or device secrets.
 */
public final class LoginSecret {
    private LoginSecret() {}

    /** The login secret as the client sends it (Base64); the raw bytes are wiped before this returns. */
    public static String derivedBase64(String username, char[] password) {
        byte[] s = derive(username, password);
        try {
            return Base64.getEncoder().encodeToString(s);
        } finally {
            Bytes.wipe(s);
        }
    }

    /**
     * The server's Argon2id hash of a login secret it received, under its own salt and cost: what it
     * stores and compares (in constant time) instead of the secret. The caller wipes the result.
     */
    public static byte[] serverHash(byte[] loginSecret, byte[] salt, Argon2Params params, int length) {
        return Argon2id.hash(loginSecret, salt, params, length);
    }

    static byte[] derive(String username, char[] password) {
        return Argon2id.hash(password, salt(username), Argon2Params.LOGIN, 32);
    }

    static byte[] salt(String username) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("chatvault/v1/login:".getBytes(StandardCharsets.US_ASCII));
            sha.update(username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(sha.digest(), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
