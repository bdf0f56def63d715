package org.chatvault.server.account;

import java.security.SecureRandom;
import java.util.concurrent.Semaphore;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.crypto.LoginSecret;
import org.chatvault.core.crypto.Bytes;

/**
 * Argon2id hashes of login secrets. Each hash takes the configured memory (19 MiB by default),
 * so the number of hashes in flight is capped: with virtual threads, a burst of logins would
 * otherwise allocate memory without bound.
 */
final class LoginSecretHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2Params params;
    private final SecureRandom random;
    private final Semaphore permits = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);
    private final byte[] dummySalt = new byte[SALT_BYTES];

    LoginSecretHasher(Argon2Params params, SecureRandom random) {
        this.params = params;
        this.random = random;
        random.nextBytes(dummySalt);
    }

    LoginHash hashNew(byte[] secret) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new LoginHash(salt, hash(secret, salt, params), params);
    }

    boolean matches(byte[] secret, LoginHash stored) {
        byte[] candidate = hash(secret, stored.salt(), stored.params());
        try {
            return Bytes.constantTimeEquals(candidate, stored.hash());
        } finally {
            Bytes.wipe(candidate);
        }
    }

    /** Spends the same work as a real check, so timing does not reveal which usernames exist. */
    void burnForUnknownUser(byte[] secret) {
        Bytes.wipe(hash(secret, dummySalt, params));
    }

    private byte[] hash(byte[] secret, byte[] salt, Argon2Params p) {
        permits.acquireUninterruptibly();
        try {
            return LoginSecret.serverHash(secret, salt, p, HASH_BYTES);
        } finally {
            permits.release();
        }
    }
}
