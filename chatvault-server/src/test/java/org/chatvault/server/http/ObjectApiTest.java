package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.SingleUserApiTest;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;

class ObjectApiTest extends SingleUserApiTest {
    TestObjects objects = new TestObjects(42);

    @Test
    void uploadThenMissingThenFetchReturnsTheSameBytes() {
        List<SealedObject> objs = new ArrayList<>(objects.segments(5));
        objs.add(objects.segment(202312, 5000));
        objs.add(objects.segment(202402, 300_000));
        objs.add(objects.conversationIndex());
        objs.add(objects.root());
        List<String> ids = Api.hex(objs);
        assertThat(api.missing(alice.access(), ids).json().get("missing")).hasSize(objs.size());

        Response up = api.upload(alice.access(), objs);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.json().get("stored").asInt()).isEqualTo(objs.size());
        assertThat(up.json().get("alreadyPresent").asInt()).isZero();
        assertThat(up.json().get("bytes").asLong()).isEqualTo(objs.stream().mapToLong(o -> o.body().length).sum());

        SealedObject absent = objects.segment();
        List<String> ask = new ArrayList<>(ids);
        ask.add(1, absent.id().hex());
        assertThat(texts(api.missing(alice.access(), ask).json().get("missing"))).containsExactly(absent.id().hex());

        // Any order, repeats allowed: frames come back in request order, a repeated id once.
        List<SealedObject> order = new ArrayList<>(objs);
        Collections.reverse(order);
        List<SealedObject> asked = new ArrayList<>(order);
        asked.add(objs.get(2));
        Response fetched = api.fetch(alice.access(), Api.hex(asked));
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.contentType()).startsWith("application/octet-stream");
        assertThat(fetched.body()).isEqualTo(TestObjects.batch(order));
        assertThat(fetched.header("Chatvault-Fetch-Omitted")).as("a complete answer").isNull();

        Response usage = api.get("v1/usage", alice.access());
        assertThat(usage.json().get("objects").asLong()).isEqualTo(objs.size());
        // one pack per time bucket: 202401, 202312, 202402 and 0 for structure objects
        assertThat(usage.json().get("packs").asLong()).isEqualTo(4);
    }

    @Test
    void fetchInUploadOrderReadsWholeRuns() {
        List<SealedObject> objs = objects.segments(50);
        api.upload(alice.access(), objs);
        assertThat(api.fetch(alice.access(), Api.hex(objs)).body()).isEqualTo(TestObjects.batch(objs));
        List<SealedObject> everyOther = new ArrayList<>();
        for (int i = 0; i < objs.size(); i += 2) everyOther.add(objs.get(i));
        assertThat(api.fetch(alice.access(), Api.hex(everyOther)).body()).isEqualTo(TestObjects.batch(everyOther));
    }

    @Test
    void reuploadIsIdempotent() {
        List<SealedObject> objs = objects.segments(4);
        assertThat(api.upload(alice.access(), objs).json().get("stored").asInt()).isEqualTo(4);
        Response again = api.upload(alice.access(), objs);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("stored").asInt()).isZero();
        assertThat(again.json().get("alreadyPresent").asInt()).isEqualTo(4);
        assertThat(again.json().get("bytes").asLong()).isZero();

        List<SealedObject> mixed = new ArrayList<>(objs.subList(0, 2));
        SealedObject fresh = objects.segment();
        mixed.add(fresh);
        mixed.add(fresh); // repeated within the batch: stored once
        Response partly = api.upload(alice.access(), mixed);
        assertThat(partly.json().get("stored").asInt()).isEqualTo(1);
        assertThat(partly.json().get("alreadyPresent").asInt()).isEqualTo(3);

        Response usage = api.get("v1/usage", alice.access());
        assertThat(usage.json().get("objects").asLong()).isEqualTo(5);
        assertThat(usage.json().get("packs").asLong()).isEqualTo(2);
    }

    @Test
    void emptyBatchStoresNothing() {
        Response r = api.upload(alice.access(), List.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("stored").asInt()).isZero();
    }

    @Test
    void truncatedBatchStoresNothing() throws IOException {
        List<SealedObject> objs = objects.segments(3);
        byte[] whole = TestObjects.batch(objs);
        for (int cut : new int[] {2, whole.length - 1, whole.length - objs.get(2).body().length - 10}) {
            Response r = api.upload(alice.access(), Arrays.copyOf(whole, cut));
            assertThat(r.status()).as("cut at %d", cut).isEqualTo(400);
            assertThat(r.error()).isEqualTo("truncated_batch");
        }
        assertThat(texts(api.missing(alice.access(), Api.hex(objs)).json().get("missing"))).hasSize(3);
        assertThat(api.get("v1/usage", alice.access()).json().get("objects").asLong()).isZero();
        assertThat(filesUnder(dir.resolve("objects"))).isEmpty();
        assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void malformedBatchesAreRefusedWhole() throws IOException {
        SealedObject good = objects.segment();
        SealedObject seg = objects.segment();
        SealedObject root = objects.root();
        byte[] goodFrame = TestObjects.frame(good, good.kind().code(), good.bucket());

        assertError(api.upload(alice.access(), "XXXX".getBytes()), 400, "malformed_batch");
        // the frame says root manifest but the body is a segment
        assertError(api.upload(alice.access(), batch(goodFrame, TestObjects.frame(seg, ObjectKind.ROOT_MANIFEST.code(), 0))), 400, "malformed_batch");
        assertError(api.upload(alice.access(), batch(goodFrame, TestObjects.frame(seg, 99, 202401))), 400, "malformed_batch");
        // bucket rules: content needs yyyymm, structure takes 0
        assertError(api.upload(alice.access(), batch(goodFrame, TestObjects.frame(seg, seg.kind().code(), 0))), 400, "invalid_bucket");
        assertError(api.upload(alice.access(), batch(goodFrame, TestObjects.frame(seg, seg.kind().code(), 202413))), 400, "invalid_bucket");
        assertError(api.upload(alice.access(), batch(goodFrame, TestObjects.frame(root, root.kind().code(), 202401))), 400, "invalid_bucket");
        // a body that is no Chatvault object at all
        SealedObject junk = new SealedObject(seg.id(), seg.kind(), seg.bucket(), new byte[100]);
        assertError(api.upload(alice.access(), batch(goodFrame, TestObjects.frame(junk, seg.kind().code(), seg.bucket()))), 400, "malformed_batch");

        assertThat(api.missing(alice.access(), List.of(good.id().hex())).json().get("missing")).hasSize(1);
        assertThat(filesUnder(dir.resolve("objects"))).isEmpty();
    }

    @Test
    void oversizedObjectIsRefused() {
        ByteBuffer b = ByteBuffer.allocate(4 + 41 + 64);
        b.put("CVB1".getBytes()).put(new byte[32]).put((byte) 1).putInt(202401).putInt(8 * 1024 * 1024 + 65);
        assertError(api.upload(alice.access(), b.array()), 413, "object_too_large");
    }

    @Test
    void wrongContentTypeIsRefused() {
        byte[] batch = TestObjects.batch(objects.segment());
        assertError(api.send("POST", "v1/objects", alice.access(), "application/json", batch), 415, "unsupported_media_type");
        assertError(api.send("POST", "v1/objects", alice.access(), null, batch), 415, "unsupported_media_type");
    }

    @Test
    void malformedIdsAreRefused() {
        String good = objects.segment().id().hex();
        for (String bad : List.of(good.toUpperCase(), good.substring(2), good + "00", "zz" + good.substring(2))) {
            assertError(api.missing(alice.access(), List.of(good, bad)), 400, "malformed_id");
            assertError(api.fetch(alice.access(), List.of(bad)), 400, "malformed_id");
        }
        assertError(api.post("v1/vault/commit", alice.access(), Map.of("baseVersion", 0, "root", "nope")), 400, "malformed_id");
    }

    @Test
    void tooManyIdsAreRefused() {
        List<String> ids = Collections.nCopies(10_001, objects.segment().id().hex());
        assertError(api.missing(alice.access(), ids), 413, "too_many_ids");
        assertError(api.fetch(alice.access(), ids), 413, "too_many_ids");
        assertThat(api.missing(alice.access(), ids.subList(0, 10_000)).status()).isEqualTo(200);
    }

    @Test
    void oversizedJsonBodyIsRefused() {
        byte[] big = ("{\"ids\":[\"" + "a".repeat(1024 * 1024) + "\"]}").getBytes();
        assertError(api.send("POST", "v1/objects/missing", alice.access(), "application/json", big), 413, "body_too_large");
    }

    @Test
    void oversizedBatchIsRefusedWithOrWithoutContentLength() throws Exception {
        long limit = fx.config().maxBatchBytes();
        byte[] over = new byte[(int) limit + 1];
        System.arraycopy("CVB1".getBytes(), 0, over, 0, 4);
        // With a Content-Length over the limit the server answers before reading the body; the
        // client waits for that answer (Expect: 100-continue) instead of racing the closed socket.
        HttpRequest.Builder declaredBuilder = HttpRequest.newBuilder(fx.server().baseUri().resolve("v1/objects")).expectContinue(true);
        api.signatureHeaders(alice.access(), "POST", "/v1/objects", over).forEach(declaredBuilder::header);
        HttpRequest declared = declaredBuilder
                .header("Authorization", "Bearer " + alice.access())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(over)).build();
        HttpResponse<String> refused = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(declared, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("body_too_large");

        // Streamed without a Content-Length: the server must count as it reads. The body is a
        // valid batch of many real objects so that the limit, not a parse error, stops it.
        SealedObject big = objects.segment(202401, 4 * 1024 * 1024);
        byte[] frame = TestObjects.frame(big, big.kind().code(), big.bucket());
        int frames = (int) (limit / frame.length) + 1;
        InputStream body = new java.io.SequenceInputStream(new ByteArrayInputStream("CVB1".getBytes()),
                new java.io.SequenceInputStream(Collections.enumeration(Collections.nCopies(frames, frame).stream()
                        .map(f -> (InputStream) new ByteArrayInputStream(f)).toList())));
        HttpRequest.Builder streamed = HttpRequest.newBuilder(fx.server().baseUri().resolve("v1/objects"));
        // Signed over no body: the limit stops the upload before its signature can be checked.
        api.signatureHeaders(alice.access(), "POST", "/v1/objects", new byte[0]).forEach(streamed::header);
        HttpRequest req = streamed
                .header("Authorization", "Bearer " + alice.access())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("body_too_large");
        assertThat(filesUnder(dir.resolve("objects"))).isEmpty();
        assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();
    }

    @Test
    void fetchingAnAbsentObjectIs404BeforeAnyByte() {
        List<SealedObject> objs = objects.segments(2);
        api.upload(alice.access(), objs);
        List<String> ids = new ArrayList<>(Api.hex(objs));
        ids.add(objects.segment().id().hex());
        Response r = api.fetch(alice.access(), ids);
        assertError(r, 404, "object_not_found");
        assertThat(r.json().get("message").asText()).contains("1 of the requested objects");
    }

    @Test
    void aLostPackIs404NamingTheUnreadableObjectsBeforeAnyByte() throws IOException {
        List<SealedObject> lost = objects.segments(2);
        api.upload(alice.access(), lost);
        for (Path pack : filesUnder(dir.resolve("objects"))) Files.delete(pack);
        List<SealedObject> kept = objects.segments(1);
        api.upload(alice.access(), kept);
        List<String> ids = new ArrayList<>(Api.hex(kept));
        ids.addAll(Api.hex(lost));
        Response r = api.fetch(alice.access(), ids);
        assertError(r, 404, "object_unreadable");
        assertThat(texts(r.json().get("ids"))).containsExactlyInAnyOrderElementsOf(Api.hex(lost));
        assertThat(r.json().get("message").asText()).contains("2 requested objects are unreadable").doesNotContain("packs/");
        // The rest still comes back.
        assertThat(api.fetch(alice.access(), Api.hex(kept)).body()).isEqualTo(TestObjects.batch(kept));
    }

    @Test
    void aTruncatedPackIs404NamingOnlyTheObjectsPastItsEnd() throws IOException {
        List<SealedObject> objs = objects.segments(3);
        api.upload(alice.access(), objs);
        Path pack = filesUnder(dir.resolve("objects")).getFirst();
        long size = Files.size(pack);
        try (var ch = java.nio.channels.FileChannel.open(pack, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }
        Response r = api.fetch(alice.access(), Api.hex(objs));
        assertError(r, 404, "object_unreadable");
        assertThat(texts(r.json().get("ids"))).containsExactly(objs.getLast().id().hex());
        assertThat(api.fetch(alice.access(), Api.hex(objs.subList(0, 2))).body()).isEqualTo(TestObjects.batch(objs.subList(0, 2)));
    }

    @Test
    void unknownEndpointIsJson404() {
        assertError(api.get("v1/nothing-here", alice.access()), 404, "not_found");
        assertError(api.get("nowhere", null), 404, "not_found");
    }

    static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.error()).as(r.text()).isEqualTo(code);
        assertThat(r.json().get("message").asText()).isNotBlank();
    }

    private static byte[] batch(byte[]... frames) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes("CVB1".getBytes());
        for (byte[] f : frames) out.writeBytes(f);
        return out.toByteArray();
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<Path> filesUnder(Path root) {
        if (!Files.exists(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
