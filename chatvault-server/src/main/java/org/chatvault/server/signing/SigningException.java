package org.chatvault.server.signing;

import java.time.Instant;

/**
 * A vault request whose signature the server refuses (docs/API.md "Signed requests"). Mapped to
 * HTTP in one place ({@code http/ErrorMapping}); every kind is a 403 with its own code, and the
 * message is safe to show: it names what is wrong, never a key. No stack trace: these are
 * expected refusals.
 */
public abstract sealed class SigningException extends RuntimeException {
    private SigningException(String message) {
        super(message, null, false, false);
    }

    /** No signature headers: a session that knows only the login password, or an old client. */
    public static final class SignatureRequired extends SigningException {
        public SignatureRequired() {
            super("this request reads or changes the vault and must be signed with the vault signing key "
                    + "(headers X-Chatvault-Timestamp and X-Chatvault-Signature); a session opened with the password alone cannot");
        }
    }

    /** Malformed headers, or a signature that does not verify over this request. */
    public static final class SignatureInvalid extends SigningException {
        public SignatureInvalid(String message) { super(message); }
    }

    /** A timestamp outside the window around the server's clock; the client should sign again with the server's time. */
    public static final class SignatureStale extends SigningException {
        private final Instant serverTime;

        public SignatureStale(long timestampMillis, Instant serverTime, long windowSeconds) {
            super("the request's timestamp " + Instant.ofEpochMilli(timestampMillis) + " is more than " + windowSeconds
                    + " s away from the server's time " + serverTime + " (" + serverTime.toEpochMilli() + "); sign again with the server's time");
            this.serverTime = serverTime;
        }

        public Instant serverTime() { return serverTime; }
    }

    /** The same signed request a second time. */
    public static final class SignatureReplayed extends SigningException {
        public SignatureReplayed() { super("this signed request was already accepted once; a signature is good for one request only"); }
    }

    /** The account registered no vault signing key, so nothing it sends can be verified. */
    public static final class SigningKeyMissing extends SigningException {
        public SigningKeyMissing() {
            super("this account has no vault signing key, so no request can read or change its vault; it was created by a client "
                    + "older than signed requests: create the account again with a current client");
        }
    }
}
