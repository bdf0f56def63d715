package org.chatvault.server.account;

import java.time.Duration;

/**
 * A request about an account, its sessions or its key slots that the server refuses. The HTTP
 * layer turns each kind into its status and wire code in one place ({@code http/ErrorMapping});
 * the message is safe to show the client. No stack trace is captured: these are expected
 * outcomes, not bugs, and some (an expired token) are frequent.
 */
public abstract sealed class AccountException extends RuntimeException {
    private AccountException(String message) {
        super(message, null, false, false);
    }

    public static final class InvalidUsername extends AccountException {
        public InvalidUsername() { super("a username is 3-64 characters of letters, digits, '.', '_' and '-'"); }
    }

    public static final class InvalidLoginSecret extends AccountException {
        public InvalidLoginSecret(int bytes) { super("loginSecret must be the base64 encoding of " + bytes + " bytes"); }
    }

    public static final class InvalidVaultPublicKey extends AccountException {
        public InvalidVaultPublicKey(int bytes) {
            super("vaultPublicKey must be the base64 encoding of a " + bytes + "-byte Ed25519 public key (the vault signing key's public half)");
        }
    }

    public static final class UsernameTaken extends AccountException {
        public UsernameTaken() { super("that username is taken"); }
    }

    /** Alike for an unknown user and a wrong secret, so the answer does not tell which usernames exist. */
    public static final class BadCredentials extends AccountException {
        public BadCredentials() { super("unknown username or wrong login secret"); }
    }

    /** Too many failed logins to one username; logins to it are refused for a while, right secret or not. */
    public static final class LoginThrottled extends AccountException {
        private final Duration retryAfter;

        public LoginThrottled(Duration retryAfter) {
            super("too many failed logins to this account; try again in " + minutes(retryAfter)
                    + (minutes(retryAfter) == 1 ? " minute" : " minutes"));
            this.retryAfter = retryAfter;
        }

        /** For the {@code Retry-After} header: whole seconds, rounded up. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }

        private static long minutes(Duration d) {
            return Math.max(1, (d.toSeconds() + 59) / 60);
        }
    }

    /** No token, a malformed or unknown one, or a refresh token already used. */
    public static final class Unauthorized extends AccountException {
        public Unauthorized() { super("a valid bearer token is required"); }
    }

    public static final class TokenExpired extends AccountException {
        public TokenExpired(String kind) { super("the " + kind + " token has expired"); }
    }

    /** The owner deleted the account: its sessions ended and its storage goes in the next lifecycle run. */
    public static final class AccountDeleted extends AccountException {
        public AccountDeleted() { super("this account was deleted by its owner; its data is being removed and it cannot be used any more"); }
    }

    /** An inactivity period the owner may not choose. */
    public static final class InvalidInactivityPeriod extends AccountException {
        public InvalidInactivityPeriod(java.util.List<Integer> choices) {
            super("inactivityMonths must be one of " + choices.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    /** A key slot id, kind or blob out of its bounds, or one slot too many. */
    public static final class InvalidKeySlot extends AccountException {
        public InvalidKeySlot(String message) { super(message); }
    }

    public static final class KeySlotNotFound extends AccountException {
        public KeySlotNotFound(String slotId) { super("no key slot " + slotId); }
    }

    /** Deleting (or turning into another kind) the only recovery slot: it can be replaced, never just removed. */
    public static final class LastRecoverySlot extends AccountException {
        public LastRecoverySlot(String slotId) {
            super("key slot " + slotId + " is the account's only recovery slot: it cannot be removed, only replaced by a new "
                    + "recovery slot with PUT (rotation)");
        }
    }
}
