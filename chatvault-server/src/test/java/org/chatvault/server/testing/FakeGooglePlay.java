package org.chatvault.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.api.client.json.webtoken.JsonWebToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatvault.server.billing.GooglePlaySettings;

/**
 * Google, as far as the server talks to it, on a loopback port: the OAuth token endpoint of a service account
 * (it checks the assertion the real credentials sign), the Play Developer API's {@code subscriptionsv2.get} and
 * {@code subscriptions.acknowledge} answering with recorded JSON (resources beside
 * {@code org/chatvault/server/billing/google}, edited per test), and the JWKS the push tokens are checked against.
 * It also signs Pub/Sub push tokens like Google does, with a key pair it generates.
 */
public final class FakeGooglePlay implements AutoCloseable {
    public static final String PACKAGE = "org.chatvault.app";
    public static final String AUDIENCE = "https://chatvault.example/v1/billing/google/notifications";
    public static final String PUSH_ACCOUNT = "play-push@chatvault-test.iam.gserviceaccount.com";
    private static final String ACCESS_TOKEN = "ya29.fake-access-token";
    private static final String API = "/androidpublisher/v3/applications/" + PACKAGE + "/purchases/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KeyPair serviceAccountKey = rsa();
    private final KeyPair pushKey = rsa();
    private final Map<String, String> purchases = new ConcurrentHashMap<>();
    private final List<String> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int failWith;
    private volatile int failAcknowledgementsWith;

    public FakeGooglePlay() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI root() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"); }

    /** Settings against this fake, with a service account key file written owner-only into {@code dir}. */
    public GooglePlaySettings settings(Path dir) {
        return new GooglePlaySettings(PACKAGE, writeKeyFile(dir, "rw-------"), AUDIENCE, PUSH_ACCOUNT, root(), root().resolve("certs"));
    }

    /** The service account's JSON key file as the Cloud console downloads it, pointing at this fake's token endpoint. */
    public Path writeKeyFile(Path dir, String permissions) { return writeKeyFile(dir, permissions, serviceAccountKey); }

    /** A key file like the service account's but holding {@code key}: one this fake's token endpoint does not accept, unless it is its own. */
    public Path writeKeyFile(Path dir, String permissions, KeyPair key) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ObjectNode json = JSON.createObjectNode()
                .put("type", "service_account")
                .put("project_id", "chatvault-test")
                .put("private_key_id", "0f3c5d1e2a")
                .put("private_key", pem)
                .put("client_email", "play-reader@chatvault-test.iam.gserviceaccount.com")
                .put("client_id", "104729384756102938475")
                .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
                .put("token_uri", root().resolve("token").toString());
        try {
            Path file = dir.resolve("play-service-account.json");
            Files.writeString(file, JSON.writeValueAsString(json));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Play's answer for {@code token} from now on: a recorded response, edited. */
    public void purchase(String token, Recorded answer) { purchases.put(token, answer.json()); }

    public void forget(String token) { purchases.remove(token); }

    /** Every Play API call answers {@code status} until set back to 0. */
    public void failWith(int status) { failWith = status; }

    /** Acknowledgements (only) answer {@code status} until set back to 0. */
    public void failAcknowledgementsWith(int status) { failAcknowledgementsWith = status; }

    /** The tokens acknowledged, in order. */
    public List<String> acknowledged() { return List.copyOf(acknowledged); }

    /** Method and path of every Play API request. */
    public List<String> requests() { return List.copyOf(requests); }

    /** A push token as Pub/Sub's OIDC tokens are: RS256 by Google's key, for {@link #AUDIENCE} and {@link #PUSH_ACCOUNT}. */
    public String pushToken(Instant now) { return pushToken(now, AUDIENCE, PUSH_ACCOUNT, true, "https://accounts.google.com", pushKey); }

    /** A push token with the given claims, signed with {@code key} (Google's push key unless another is given). */
    public String pushToken(Instant now, String audience, String email, boolean emailVerified, String issuer, KeyPair key) {
        JsonWebSignature.Header header = new JsonWebSignature.Header().setAlgorithm("RS256").setType("JWT").setKeyId("push-key-1");
        JsonWebToken.Payload payload = new JsonWebToken.Payload().setIssuer(issuer).setAudience(audience).setSubject("113402938475610293847")
                .setIssuedAtTimeSeconds(now.getEpochSecond()).setExpirationTimeSeconds(now.plus(Duration.ofHours(1)).getEpochSecond());
        payload.set("email", email);
        payload.set("email_verified", emailVerified);
        payload.set("azp", "113402938475610293847");
        try {
            return JsonWebSignature.signUsingRsaSha256(key.getPrivate(), GsonFactory.getDefaultInstance(), header, payload);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public KeyPair pushKey() { return pushKey; }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals("/token")) {
                token(ex, new String(body, StandardCharsets.UTF_8));
            } else if (path.equals("/certs")) {
                RSAPublicKey k = (RSAPublicKey) pushKey.getPublic();
                ObjectNode jwk = JSON.createObjectNode().put("kty", "RSA").put("alg", "RS256").put("use", "sig").put("kid", "push-key-1")
                        .put("n", b64url(k.getModulus())).put("e", b64url(k.getPublicExponent()));
                ObjectNode jwks = JSON.createObjectNode();
                jwks.putArray("keys").add(jwk);
                send(ex, 200, JSON.writeValueAsString(jwks));
            } else if (path.startsWith(API)) {
                play(ex, path.substring(API.length()));
            } else {
                send(ex, 404, "{}");
            }
        }
    }

    /** The OAuth 2.0 JWT-bearer grant: the assertion must be signed by the service account's key. */
    private void token(HttpExchange ex, String form) throws IOException {
        String assertion = null;
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && kv[0].equals("assertion")) assertion = URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
        }
        boolean valid = false;
        try {
            valid = assertion != null && JsonWebSignature.parse(GsonFactory.getDefaultInstance(), assertion).verifySignature(serviceAccountKey.getPublic());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        send(ex, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
    }

    private void play(HttpExchange ex, String rest) throws IOException {
        requests.add(ex.getRequestMethod() + " " + rest);
        if (!("Bearer " + ACCESS_TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            send(ex, 401, "{\"error\":{\"code\":401,\"message\":\"Request is missing required authentication credential.\",\"status\":\"UNAUTHENTICATED\"}}");
            return;
        }
        if (failWith != 0) {
            send(ex, failWith, "{\"error\":{\"code\":" + failWith + ",\"message\":\"failure the test asked for\"}}");
            return;
        }
        String[] parts = rest.split("/");
        if (ex.getRequestMethod().equals("GET") && parts.length == 3 && parts[0].equals("subscriptionsv2") && parts[1].equals("tokens")) {
            String answer = purchases.get(parts[2]);
            if (answer == null) send(ex, 404, Recorded.resource("error-404.json"));
            else send(ex, 200, answer);
        } else if (ex.getRequestMethod().equals("POST") && parts.length == 4 && parts[0].equals("subscriptions") && parts[3].endsWith(":acknowledge")) {
            if (failAcknowledgementsWith != 0) {
                send(ex, failAcknowledgementsWith, "{\"error\":{\"code\":" + failAcknowledgementsWith + ",\"message\":\"Backend Error\"}}");
                return;
            }
            String token = parts[3].substring(0, parts[3].length() - ":acknowledge".length());
            String answer = purchases.get(token);
            if (answer == null) {
                send(ex, 404, Recorded.resource("error-404.json"));
                return;
            }
            acknowledged.add(token);
            ObjectNode n = (ObjectNode) JSON.readTree(answer);
            n.put("acknowledgementState", "ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED");
            purchases.put(token, JSON.writeValueAsString(n));
            send(ex, 204, null);
        } else {
            send(ex, 404, "{}");
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        if (json == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static String b64url(BigInteger v) {
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) b = Arrays.copyOfRange(b, 1, b.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A recorded {@code SubscriptionPurchaseV2} answer, edited field by field for a test. */
    public record Recorded(ObjectNode node) {
        public static Recorded of(String resource) {
            try {
                return new Recorded((ObjectNode) JSON.readTree(resource(resource)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String resource(String name) {
            try (InputStream in = FakeGooglePlay.class.getResourceAsStream("/org/chatvault/server/billing/google/" + name)) {
                if (in == null) throw new IllegalArgumentException("no recorded response " + name);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Recorded state(String subscriptionState) { return set(n -> n.put("subscriptionState", "SUBSCRIPTION_STATE_" + subscriptionState)); }

        public Recorded account(String accountId) {
            return set(n -> {
                if (accountId == null) n.remove("externalAccountIdentifiers");
                else n.putObject("externalAccountIdentifiers").put("obfuscatedExternalAccountId", accountId);
            });
        }

        public Recorded started(Instant t) { return set(n -> n.put("startTime", t.toString())); }

        public Recorded expires(Instant t) { return set(n -> ((ObjectNode) n.get("lineItems").get(0)).put("expiryTime", t.toString())); }

        public Recorded product(String productId) { return set(n -> ((ObjectNode) n.get("lineItems").get(0)).put("productId", productId)); }

        public Recorded acknowledged(boolean yes) {
            return set(n -> n.put("acknowledgementState", yes ? "ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED" : "ACKNOWLEDGEMENT_STATE_PENDING"));
        }

        public Recorded linked(String oldToken) {
            return set(n -> {
                if (oldToken == null) n.remove("linkedPurchaseToken");
                else n.put("linkedPurchaseToken", oldToken);
            });
        }

        public String json() {
            try {
                return JSON.writeValueAsString(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public JsonNode tree() { return node; }

        private Recorded set(java.util.function.Consumer<ObjectNode> edit) {
            ObjectNode copy = node.deepCopy();
            edit.accept(copy);
            return new Recorded(copy);
        }
    }
}
