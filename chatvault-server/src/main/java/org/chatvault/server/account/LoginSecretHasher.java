package org.chatvault.server.account;

import java.security.SecureRandom;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.crypto.Bytes;
import org.chatvault.core.crypto.LoginSecret;
import org.chatvault.server.abuse.BoundedWorkQueue;

/**
 * Argon2id hashes of login secrets. Each hash takes the configured memory (19 MiB by default)
 * and tens of milliseconds of a core, so every hash goes through one {@link BoundedWorkQueue}:
 * a few run at once, a bounded number wait, and the rest are refused with {@code 503} before
 * they cost anything. A caller first takes a {@link Slot} for its client address, then hashes
 * with it once.
 */
final class LoginSecretHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2Params params;
    private final SecureRandom random;
    private final BoundedWorkQueue queue;
    private final byte[] dummySalt = new byte[SALT_BYTES];

    LoginSecretHasher(Argon2Params params, SecureRandom random, BoundedWorkQueue queue) {
        this.params = params;
        this.random = random;
        this.queue = queue;
        random.nextBytes(dummySalt);
    }

    /**
     * A place in the hash queue for one hash on behalf of {@code clientAddress}; close it when done.
     *
     * @throws org.chatvault.server.abuse.AbuseException.ServerBusy if the queue or the address's share of it is full
     */
    Slot admit(String clientAddress) {
        return new Slot(queue.admit(clientAddress));
    }

    /** One admitted hash. */
    final class Slot implements AutoCloseable {
        private final BoundedWorkQueue.Ticket ticket;

        private Slot(BoundedWorkQueue.Ticket ticket) {
            this.ticket = ticket;
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
            return ticket.run(() -> LoginSecret.serverHash(secret, salt, p, HASH_BYTES));
        }

        @Override
        public void close() {
            ticket.close();
        }
    }
}
