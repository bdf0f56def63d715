package org.chatvault.server.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.protocol.signing.RequestSignature;

/**
 * The rules of signed requests (docs/API.md "Signed requests"): a request that reads or changes
 * the vault carries an Ed25519 signature, by the account's vault signing key, over the account,
 * method, path, a timestamp and the SHA-256 of its body. The server holds only the public key, so
 * a session opened with the login password alone can neither read nor change the vault.
 *
 * <p>Checking happens in two steps because an upload's body is hashed while it streams: {@link #claim}
 * checks what the headers say before the body is read, {@link #verify} checks the signature once
 * the body's hash is known, before anything is stored.
 */
public final class RequestSigning {
    /** The default window around the server's clock a timestamp must fall in. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final VaultPublicKeys keys;
    private final SignatureStore seen;
    private final Clock clock;
    private final Duration window;
    /**
     * Keys already read, by account: a vault key is registered with the account and never changes,
     * so every vault request after the first needs no database read for it. Absence is not cached
     * (an account without a key is refused and should not be common), and the map holds at most one
     * 32-byte key per account that made a signed request to this instance.
     */
    private final Map<String, byte[]> registered = new ConcurrentHashMap<>();

    /**
     * What a request's headers claim, with the account's public key, once the timestamp is known
     * to be fresh; the signature itself is not checked yet.
     */
    public static final class Claim {
        private final String accountId;
        private final byte[] publicKey;
        private final long timestampMillis;
        private final byte[] signature;

        private Claim(String accountId, byte[] publicKey, long timestampMillis, byte[] signature) {
            this.accountId = accountId;
            this.publicKey = publicKey;
            this.timestampMillis = timestampMillis;
            this.signature = signature;
        }

        public String accountId() { return accountId; }
    }

    public RequestSigning(VaultPublicKeys keys, SignatureStore seen, Clock clock, Duration window) {
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("the signature window must be positive");
        this.keys = keys;
        this.seen = seen;
        this.clock = clock;
        this.window = window;
    }

    /**
     * Checks the headers of a request of {@code accountId}: the account has a key, both headers are
     * there and well formed, and the timestamp is within the window of the server's clock.
     *
     * @throws SigningException {@code signing_key_missing}, {@code signature_required}, {@code signature_invalid},
     *                          {@code signature_stale}
     */
    public Claim claim(String accountId, String timestampHeader, String signatureHeader) {
        byte[] publicKey = registered.get(accountId);
        if (publicKey == null) {
            publicKey = keys.vaultPublicKey(accountId).orElseThrow(SigningException.SigningKeyMissing::new);
            registered.put(accountId, publicKey);
        }
        if (timestampHeader == null || signatureHeader == null) throw new SigningException.SignatureRequired();
        long timestamp = parseTimestamp(timestampHeader.trim());
        byte[] signature = parseSignature(signatureHeader.trim());
        Instant now = clock.instant();
        if (Math.abs(now.toEpochMilli() - timestamp) > window.toMillis())
            throw new SigningException.SignatureStale(timestamp, now, window.toSeconds());
        return new Claim(accountId, publicKey, timestamp, signature);
    }

    /**
     * Verifies the claimed signature over this request and, for a request that changes the vault,
     * remembers it so that it is refused if sent again.
     *
     * @param path       the request path as sent, without the query
     * @param bodySha256 SHA-256 of exactly the bytes the server reads as the body
     * @throws SigningException {@code signature_invalid}, {@code signature_replayed}
     */
    public void verify(Claim c, String method, String path, byte[] bodySha256, boolean changesVault) {
        byte[] message = RequestSignature.message(c.accountId, method, path, c.timestampMillis, bodySha256);
        if (!VaultSigningKey.verify(c.publicKey, message, c.signature))
            throw new SigningException.SignatureInvalid("the signature does not match this request (account, method, path, "
                    + "timestamp and body) under the account's vault signing key");
        if (!changesVault) return;
        // The message, not the signature, is what must not repeat: it names everything the request does.
        Instant forgetAfter = Instant.ofEpochMilli(c.timestampMillis).plus(window);
        if (!seen.remember(c.accountId, RequestSignature.bodyHash(message), forgetAfter)) throw new SigningException.SignatureReplayed();
    }

    /** Forgets accepted requests whose timestamps have left the window (a replay of one is stale by then). */
    public int forgetExpired() {
        return seen.forgetBefore(clock.instant());
    }

    private static long parseTimestamp(String s) {
        if (s.isEmpty() || s.length() > 15 || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9'))
            throw new SigningException.SignatureInvalid(RequestSignature.TIMESTAMP_HEADER + " must be the time in epoch milliseconds (digits only)");
        return Long.parseLong(s);
    }

    private static byte[] parseSignature(String s) {
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            sig = null;
        }
        if (sig == null || sig.length != VaultSigningKey.SIGNATURE_BYTES)
            throw new SigningException.SignatureInvalid(RequestSignature.SIGNATURE_HEADER + " must be the base64 of a "
                    + VaultSigningKey.SIGNATURE_BYTES + "-byte Ed25519 signature");
        return sig;
    }
}
