package org.chatvault.client.http;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.ClientException;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.signing.RequestSignature;

/**
 * Signs requests with the vault signing key (docs/API.md "Signed requests") on the server's time:
 * this machine's clock plus an offset learnt from the server, so a phone whose clock is minutes
 * off can still use its vault. Timestamps only grow, so two identical requests are never taken
 * for a replay. Thread-safe.
 */
final class RequestSigner {
    private volatile VaultSigningKey key;
    /** Server time minus this machine's, as last learnt. */
    private volatile long offsetMillis;
    private final AtomicLong lastTimestamp = new AtomicLong();

    /** The key to sign with (owned by the caller, who closes it); null stops signing. */
    void use(VaultSigningKey key) { this.key = key; }

    boolean active() { return key != null; }

    /** Learns the server's time from a login or refresh answer. */
    void learn(IssuedTokens t) {
        if (t != null && t.serverTime() > 0) setOffset(t.serverTime() - System.currentTimeMillis());
    }

    /**
     * A new offset may move timestamps back: they then start again from the server's time (a
     * repeat of an earlier one could at worst make an identical request look replayed).
     */
    private void setOffset(long offset) {
        offsetMillis = offset;
        lastTimestamp.set(0);
    }

    /**
     * Learns the server's time from a {@code signature_stale} answer: its {@code X-Chatvault-Server-Time}
     * header, else its {@code Date}; false if it has neither.
     */
    boolean learn(HttpResponse<?> resp) {
        Optional<String> exact = resp.headers().firstValue(RequestSignature.SERVER_TIME_HEADER);
        if (exact.isPresent()) {
            try {
                setOffset(Long.parseLong(exact.get().trim()) - System.currentTimeMillis());
                return true;
            } catch (NumberFormatException e) {
                // fall back on the Date header
            }
        }
        Optional<String> date = resp.headers().firstValue("Date");
        if (date.isEmpty()) return false;
        try {
            long server = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            // The header has whole seconds: aim at the middle of the second it names.
            setOffset(server + 500 - System.currentTimeMillis());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** SHA-256 of a body sent in parts, as the server hashes it while it streams in. */
    static byte[] bodyHash(List<byte[]> parts) {
        MessageDigest d = RequestSignature.newBodyDigest();
        for (byte[] p : parts) d.update(p);
        return d.digest();
    }

    /** Adds the signature headers over the request {@code b} will build, whose body has hash {@code bodySha256}. */
    HttpRequest.Builder sign(HttpRequest.Builder b, IssuedTokens t, byte[] bodySha256) {
        VaultSigningKey k = key;
        if (k == null) return b;
        if (t.accountId() == null)
            throw new ClientException("these tokens do not name their account (saved by an older client): log in again with 'chatvault login'");
        HttpRequest probe = b.copy().build(); // the method and path as they will be sent
        long timestamp = lastTimestamp.updateAndGet(last -> Math.max(System.currentTimeMillis() + offsetMillis, last + 1));
        byte[] message = RequestSignature.message(t.accountId(), probe.method(), probe.uri().getRawPath(), timestamp, bodySha256);
        return b.header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(RequestSignature.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(k.sign(message)));
    }
}
