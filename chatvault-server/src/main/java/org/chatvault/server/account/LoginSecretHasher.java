package org.chatvault.server.account;

import java.security.SecureRandom;
import java.time.Duration;
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
 *
 * <p>A login to a name that does not exist must take as long as a real check, or its timing
 * would tell which names exist; but computing a hash for it would let anyone make the server
 * burn CPU with made-up names. So it holds a worker for as long as one of the recent real hashes
 * took, picked at random (their spread included), without computing anything; only before the
 * first real hash is one computed to learn the time.
 */
final class LoginSecretHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2Params params;
    private final SecureRandom random;
    private final BoundedWorkQueue queue;
    private final byte[] dummySalt = new byte[SALT_BYTES];
    /** Durations of the latest real hashes, in nanoseconds; a ring. */
    private final long[] recent = new long[32];
    private int next;
    private int filled;

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

    private synchronized void record(long nanos) {
        recent[next] = nanos;
        next = (next + 1) % recent.length;
        filled = Math.min(filled + 1, recent.length);
    }

    /** One of the recent real hash durations at random, or 0 before the first. */
    private synchronized long typicalHashNanos() {
        return filled == 0 ? 0 : recent[random.nextInt(filled)];
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

        /** Takes as long as a real check, so timing does not reveal which usernames exist (see the class comment). */
        void burnForUnknownUser(byte[] secret) {
            long nanos = typicalHashNanos();
            if (nanos == 0) {
                Bytes.wipe(hash(secret, dummySalt, params));
                return;
            }
            ticket.run(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(nanos));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
        }

        private byte[] hash(byte[] secret, byte[] salt, Argon2Params p) {
            return ticket.run(() -> {
                long started = System.nanoTime();
                byte[] h = LoginSecret.serverHash(secret, salt, p, HASH_BYTES);
                if (p.equals(params)) record(System.nanoTime() - started);
                return h;
            });
        }

        @Override
        public void close() {
            ticket.close();
        }
    }
}
