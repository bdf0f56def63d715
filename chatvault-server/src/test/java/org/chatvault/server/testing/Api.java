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
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.SealedObject;

/** A thin HTTP client for tests: raw requests in, status and body out. */
public final class Api {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public Api(URI base) {
        this.base = base;
    }

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

    public Response send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
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

    public Response register(String username, String secret) {
        return post("v1/accounts", null, Map.of("username", username, "loginSecret", secret));
    }

    public Response login(String username, String secret) {
        return post("v1/sessions", null, Map.of("username", username, "loginSecret", secret));
    }

    /** Registers {@code username} with a fresh secret and logs in. */
    public Session newSession(String username) {
        String secret = newSecret();
        Response reg = register(username, secret);
        if (reg.status() != 201) throw new IllegalStateException("register failed: " + reg.text());
        Response login = login(username, secret);
        if (login.status() != 200) throw new IllegalStateException("login failed: " + login.text());
        return new Session(username, secret, login.json().get("accessToken").asText(), login.json().get("refreshToken").asText());
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
