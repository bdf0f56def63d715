package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.chatvault.server.testing.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before any route sees them come back in the API's error shape
 * {@code {error, message}} as JSON, not as Jetty's HTML page. Sent over a raw socket, since a
 * well-behaved HTTP client will not send them.
 */
class JettyRefusalTest {
    @TempDir java.nio.file.Path dir;
    private ServerFixture fx;

    @BeforeEach
    void start() { fx = new ServerFixture(dir); }

    @AfterEach
    void stop() { fx.close(); }

    record RawAnswer(int status, String head, String body) {
        JsonNode json() throws IOException { return new ObjectMapper().readTree(body); }
    }

    private RawAnswer send(String request) throws IOException {
        try (Socket s = new Socket(fx.server().baseUri().getHost(), fx.server().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            assertThat(split).as(answer).isPositive();
            String head = answer.substring(0, split);
            String body = answer.substring(split + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) body = unchunk(body);
            return new RawAnswer(Integer.parseInt(head.split(" ", 3)[1]), head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder b = new StringBuilder();
        int pos = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", pos);
            int size = Integer.parseInt(chunked.substring(pos, eol).trim(), 16);
            if (size == 0) return b.toString();
            b.append(chunked, eol + 2, eol + 2 + size);
            pos = eol + 2 + size + 2;
        }
    }

    private static void assertJsonError(RawAnswer a, int status, String code) throws IOException {
        assertThat(a.status()).as(a.head() + "\n" + a.body()).isEqualTo(status);
        assertThat(a.head().toLowerCase(Locale.ROOT)).as(a.head()).contains("content-type: application/json");
        JsonNode json = a.json();
        assertThat(json.path("error").asText()).as(a.body()).isEqualTo(code);
        assertThat(json.path("message").asText()).as(a.body()).isNotBlank();
        assertThat(a.body()).doesNotContain("<html");
    }

    @Test
    void anAmbiguousPathIsABadRequestInJson() throws IOException {
        RawAnswer a = send("GET /v1/vault/..;/usage HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertJsonError(a, 400, "bad_request");
        assertThat(a.json().path("message").asText()).contains("Ambiguous");
    }

    @Test
    void aPathEscapingTheRootOrBadlyEncodedIsABadRequestInJson() throws IOException {
        assertJsonError(send("GET /../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad_request");
        assertJsonError(send("GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"), 400, "bad_request");
    }

    /** Found by ApiFuzzTest: Jetty closes the connection after such a refusal, so it must say so, or a client's next request dies on it. */
    @Test
    void aNulInThePathIsABadRequestThatClosesTheConnectionAndSaysSo() throws IOException {
        RawAnswer a = send("DELETE /v1/keyslots/%00 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
                + "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertJsonError(a, 400, "bad_request");
        assertThat(a.head().toLowerCase(Locale.ROOT)).contains("connection: close");
        // and a client that reuses connections goes on with a new one
        for (int i = 0; i < 5; i++) {
            assertThat(fx.api().send("DELETE", "v1/keyslots/%00", null, null, null).status()).isEqualTo(400);
            assertThat(fx.api().get("healthz", null).status()).isEqualTo(200);
        }
    }

    @Test
    void oversizedHeadersAre431InJson() throws IOException {
        String big = "x".repeat(64 * 1024);
        RawAnswer a = send("GET /v1/usage HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n");
        assertJsonError(a, 431, "headers_too_large");
    }

    @Test
    void aBadContentLengthIsABadRequestInJson() throws IOException {
        RawAnswer a = send("POST /v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ten\r\nConnection: close\r\n\r\n{}");
        assertJsonError(a, 400, "bad_request");
    }

    @Test
    void anUnknownMethodIsRefusedInJson() throws IOException {
        RawAnswer a = send("BREW /v1/usage HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertJsonError(a, 404, "not_found");
    }

    @Test
    void anUnknownHttpVersionIsRefusedInJson() throws IOException {
        RawAnswer a = send("GET /v1/usage HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertJsonError(a, 505, "http_version_not_supported");
    }
}
