package org.chatvault.server.http;

import static org.chatvault.server.http.ObjectApiTest.assertError;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.chatvault.server.testing.SingleUserApiTest;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * A request refused before its body is read to the end — a bad token, JSON that breaks off early,
 * a batch with a bad first frame — still gets its JSON refusal, and a body sent to a route that
 * reads none does not cut the answer: the server reads and drops the rest of a body within its
 * limits, instead of closing the connection on a client that is still sending (which the client sees as a reset, or a dead kept-alive connection, not as the answer).
 * And JSON that breaks off or passes the parser's limits inside a field is {@code malformed_json}.
 * Both found by {@link ApiFuzzTest}.
 */
class RefusedBodyTest extends SingleUserApiTest {
    private static byte[] bigJson(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) ' ');
        byte[] head = "{\"ids\":[\"x\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    @RepeatedTest(10)
    void aBodyAfterARefusedTokenIsReadSoTheRefusalArrives() {
        byte[] body = bigJson(900_000);
        assertError(api.send("POST", "v1/objects/missing", "not-a-token", "application/json", body), 401, "unauthorized");
        assertError(api.send("POST", "v1/vault/commit", null, "application/json", bigJson(8_000_000)), 401, "unauthorized");
        assertError(api.send("POST", "v1/objects", "x", "application/octet-stream", new byte[6_000_000]), 401, "unauthorized");
    }

    @Test
    void jsonThatBreaksOffEarlyIsRefusedAsJsonNotWithAReset() {
        SplittableRandom random = new SplittableRandom(61);
        for (int i = 0; i < 20; i++) {
            byte[] body = new byte[617_000];
            random.nextBytes(body);
            body[0] = '{';
            body[1] = '}';
            assertError(api.send("POST", "v1/vault/commit", alice.access(), "application/json", body), 400, "malformed_json");
            assertError(api.send("POST", "v1/objects/fetch", alice.access(), "application/json", bigJson(1_000_000)), 400, "malformed_json");
        }
    }

    /** Parser failures inside a field, which Jackson wraps, are malformed JSON too, not a field of the wrong type. */
    @Test
    void jsonPastTheParsersLimitsIsMalformedJson() {
        for (String body : new String[] {"{\"ids\":[" + "9".repeat(3000) + "]}", "{\"other\":" + "[".repeat(3000) + "]".repeat(3000) + "}",
                "[".repeat(3000), "{\"ids\":[\"a\"", "{\"ids\":[\"\u00ff"}) {
            assertError(api.send("POST", "v1/objects/missing", alice.access(), "application/json", body.getBytes(StandardCharsets.ISO_8859_1)),
                    400, body.startsWith("[") ? "bad_request" : "malformed_json");
        }
    }

    /** A route that takes no body answers a request that carries one, and the connection stays good for the next. */
    @RepeatedTest(5)
    void aBodyNobodyReadsDoesNotCutTheAnswerOrTheNextRequest() {
        byte[] body = new byte[1_400_000];
        new SplittableRandom(3650).nextBytes(body);
        for (int i = 0; i < 3; i++) {
            org.chatvault.server.testing.Api.Response doc = api.send("GET", "v1/openapi.json", null, null, body);
            org.assertj.core.api.Assertions.assertThat(doc.status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(doc.json().path("openapi").isTextual()).isTrue();
            org.assertj.core.api.Assertions.assertThat(api.send("GET", "v1/keyslots", alice.access(), null, body).status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(api.get("v1/usage", alice.access()).status()).isEqualTo(200);
        }
    }

    @Test
    void aBatchWithABadFirstFrameIsRefusedAsJson() {
        byte[] body = new byte[6_000_000];
        System.arraycopy("CVB1".getBytes(StandardCharsets.US_ASCII), 0, body, 0, 4);
        body[4 + 32] = 99; // no such kind
        assertError(api.send("POST", "v1/objects", alice.access(), "application/octet-stream", body), 400, "malformed_batch");
    }
}
