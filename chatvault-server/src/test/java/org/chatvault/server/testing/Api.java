package org.chatvault.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.protocol.signing.RequestSignature;
import org.chatvault.core.format.SealedObject;

/**
 * A thin HTTP client for tests: raw requests in, status and body out.
 *
 * <p>Signing (docs/API.md "Signed requests"): {@link #newSession} and {@link #register} create the
 * account with a fresh vault signing key, and every request sent with a token this class remembers
 * (the session's, or one passed to {@link #sign}) carries a signature made with this Api's clock, so
 * tests read like before. A token from a plain {@link #login} is not remembered: it is a
 * password-only session, whose vault requests the server refuses. {@link #unsigned} and
 * {@link #sendWithHeaders} send requests without, or with hand-made, signature headers.
 * Remembered tokens are shared by every Api of the JVM, as server instances share a database.
 */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Access token to the signer of its account; refresh tokens too, so a refreshed session goes on signing. */
    private static final Map<String, Signer> SIGNERS = new ConcurrentHashMap<>();
    /** "username-key secret" to the signer it was registered with, for logging in again. */
    private static final Map<String, Signer> REGISTERED = new ConcurrentHashMap<>();

    private final URI base;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public Api(URI base) {
        this(base, Clock.systemUTC());
    }

    /** @param clock what signatures take their timestamps from: the server's clock, so moving it does not make them stale */
    public Api(URI base, Clock clock) {
        this.base = base;
        this.clock = clock;
    }

    /**
     * An account's vault signing key, as a client holds it once the master key is open. Its
     * timestamps never repeat, so two identical requests are two requests, not a replay.
     */
    public static final class Signer {
        private final String accountId;
        private final VaultSigningKey key;
        private final AtomicLong lastTimestamp = new AtomicLong();

        public Signer(String accountId, VaultSigningKey key) {
            this.accountId = accountId;
            this.key = key;
        }

        public static VaultSigningKey newKey() {
            byte[] mk = new byte[MasterKey.BYTES];
            RANDOM.nextBytes(mk);
            try (MasterKey m = MasterKey.of(mk)) {
                return m.deriveSigningKey();
            }
        }

        public String accountId() { return accountId; }

        public VaultSigningKey key() { return key; }

        /** The same key speaking for another account id (a signature the server must refuse). */
        public Signer forAccount(String otherAccountId) { return new Signer(otherAccountId, key); }

        /** A timestamp from {@code clock}, later than every one this signer used before. */
        public long nextTimestamp(Clock clock) {
            long now = clock.millis();
            return lastTimestamp.updateAndGet(last -> Math.max(now, last + 1));
        }

        /** The two signature headers for a request; {@code path} as sent, e.g. {@code /v1/vault/commit}. */
        public Map<String, String> headers(String method, String path, long timestampMillis, byte[] body) {
            byte[] message = RequestSignature.message(accountId, method, path, timestampMillis, RequestSignature.bodyHash(body));
            return Map.of(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestampMillis),
                    RequestSignature.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(key.sign(message)));
        }
    }

    /** From now on, requests with {@code token} are signed by {@code signer}. */
    public void sign(String token, Signer signer) {
        SIGNERS.put(token, signer);
    }

    /** The signer of a session's token (newSession's, or one passed to {@link #sign}); null for a password-only one. */
    public static Signer signerOf(Session s) {
        return SIGNERS.get(s.access());
    }

    /** The signer {@code username} was registered with by an Api under {@code secret}. */
    public static Signer signerOf(String username, String secret) {
        Signer s = REGISTERED.get(username.toLowerCase(java.util.Locale.ROOT) + " " + secret);
        if (s == null) throw new IllegalStateException(username + " was not registered through Api");
        return s;
    }

    /** Logs in again as {@code s}'s account and signs with its key, as a device holding the master key would. */
    public Session signedLogin(Session s) {
        return signedLogin(s.username(), s.secret());
    }

    /** Logs in to an account registered through Api and signs with its key. */
    public Session signedLogin(String username, String secret) {
        Response login = login(username, secret);
        if (login.status() != 200) throw new IllegalStateException("login failed: " + login.text());
        Session session = new Session(username, secret, login.json().get("accessToken").asText(), login.json().get("refreshToken").asText());
        sign(session.access(), signerOf(username, secret));
        sign(session.refresh(), signerOf(username, secret));
        return session;
    }

    /** The signature headers this Api would add to a request with {@code token} (for raw-socket tests). */
    public Map<String, String> signatureHeaders(String token, String method, String path, byte[] body) {
        Signer signer = SIGNERS.get(token);
        if (signer == null) throw new IllegalStateException("no signer for that token");
        return signer.headers(method, path, signer.nextTimestamp(clock), body);
    }

    public Clock clock() { return clock; }

    public record Response(int status, byte[] body, String contentType, java.net.http.HttpHeaders headers) {
        public String header(String name) { return headers.firstValue(name).orElse(null); }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        public String text() { return new String(body, StandardCharsets.UTF_8); }

        public String error() { return json().path("error").asText(null); }
    }

    /** Tokens of a logged-in session. */
    public record Session(String username, String secret, String access, String refresh) {}

    /** Sends a request, signed if {@code token} is remembered. */
    public Response send(String method, String path, String token, String contentType, byte[] body) {
        Signer signer = token == null ? null : SIGNERS.get(token);
        Map<String, String> headers = signer == null ? Map.of()
                : signer.headers(method, base.resolve(path).getRawPath(), signer.nextTimestamp(clock), body == null ? new byte[0] : body);
        Response r = sendWithHeaders(method, path, token, contentType, body, headers);
        if (path.equals("v1/sessions/refresh") && r.status() == 200) keepSigningAfterRefresh(body, r);
        return r;
    }

    /** A device that refreshes its tokens still holds its key: the new tokens sign like the old ones. */
    private static void keepSigningAfterRefresh(byte[] request, Response answer) {
        try {
            Signer signer = SIGNERS.get(JSON.readTree(request).path("refreshToken").asText(""));
            if (signer == null) return;
            SIGNERS.put(answer.json().get("accessToken").asText(), signer);
            SIGNERS.put(answer.json().get("refreshToken").asText(), signer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request without a signature, whoever's token it carries. */
    public Response unsigned(String method, String path, String token, String contentType, byte[] body) {
        return sendWithHeaders(method, path, token, contentType, body, Map.of());
    }

    /** Sends a request with exactly these extra headers (a hand-made signature, for instance) and no other signature. */
    public Response sendWithHeaders(String method, String path, String token, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        // A large body waits for the server's go-ahead (Expect: 100-continue): a body the server
        // refuses by its Content-Length is then never written into a connection it has closed,
        // which would fail the send with a broken pipe instead of returning the refusal.
        if (body != null && body.length > 1 << 20) b.expectContinue(true);
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response json(String method, String path, String token, Object body) {
        try {
            return send(method, path, token, "application/json", body == null ? null : JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response get(String path, String token) { return send("GET", path, token, null, null); }

    public Response delete(String path, String token) { return send("DELETE", path, token, null, null); }

    public Response post(String path, String token, Object body) { return json("POST", path, token, body); }

    public static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** Registers with a fresh vault signing key, which {@link #signedLogin} then signs with. */
    public Response register(String username, String secret) {
        VaultSigningKey key = Signer.newKey();
        Response r = registerWithKey(username, secret, Base64.getEncoder().encodeToString(key.publicKey()));
        if (r.status() == 201) REGISTERED.put(username.toLowerCase(java.util.Locale.ROOT) + " " + secret,
                new Signer(r.json().get("accountId").asText(), key));
        return r;
    }

    /** Registers with exactly this {@code vaultPublicKey} field (null leaves it out). */
    public Response registerWithKey(String username, String secret, String vaultPublicKey) {
        Map<String, String> body = new java.util.HashMap<>(Map.of("username", username, "loginSecret", secret));
        if (vaultPublicKey != null) body.put("vaultPublicKey", vaultPublicKey);
        return post("v1/accounts", null, body);
    }

    public Response login(String username, String secret) {
        return post("v1/sessions", null, Map.of("username", username, "loginSecret", secret));
    }

    /** Registers {@code username} with a fresh secret and vault signing key, and logs in: a session that signs. */
    public Session newSession(String username) {
        String secret = newSecret();
        Response reg = register(username, secret);
        if (reg.status() != 201) throw new IllegalStateException("register failed: " + reg.text());
        return signedLogin(username, secret);
    }

    public Response upload(String token, byte[] batch) {
        return send("POST", "v1/objects", token, "application/octet-stream", batch);
    }

    public Response upload(String token, List<SealedObject> objects) { return upload(token, TestObjects.batch(objects)); }

    public Response missing(String token, List<String> ids) { return post("v1/objects/missing", token, Map.of("ids", ids)); }

    public Response fetch(String token, List<String> ids) { return post("v1/objects/fetch", token, Map.of("ids", ids)); }

    public static List<String> hex(List<SealedObject> objects) {
        return objects.stream().map(o -> o.id().hex()).toList();
    }
}
