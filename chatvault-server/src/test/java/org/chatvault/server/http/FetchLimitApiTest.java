package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch answer holds each requested object once, and no more bytes than the server's limit:
 * the objects that fit (at least one), with {@code Chatvault-Fetch-Omitted} counting the rest.
 */
class FetchLimitApiTest {
    private static final String OMITTED = "Chatvault-Fetch-Omitted";

    @TempDir Path dir;
    private final TestObjects objects = new TestObjects(7);
    private ServerFixture fx;
    private Api api;
    private Session alice;

    private void start(long maxAnswerBytes) {
        fx = new ServerFixture(dir, c -> c.withAbuse(AbuseLimits.forTesting().withMaxFetchAnswerBytes(maxAnswerBytes)));
        api = fx.api();
        alice = api.newSession("alice");
    }

    @AfterEach
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void repeatedIdsAreAnsweredOnce() {
        start(AbuseLimits.DEFAULT_MAX_FETCH_ANSWER_BYTES);
        List<SealedObject> objs = objects.segments(2);
        api.upload(alice.access(), objs);
        // The request of the issue: 10,000 ids (about 680 KB of JSON), all the same object.
        List<String> same = Collections.nCopies(10_000, objs.get(0).id().hex());
        Response once = api.fetch(alice.access(), same);
        assertThat(once.status()).isEqualTo(200);
        assertThat(once.body()).isEqualTo(TestObjects.batch(objs.subList(0, 1)));
        assertThat(once.header(OMITTED)).isNull();

        List<String> alternating = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) alternating.addAll(List.of(objs.get(1).id().hex(), objs.get(0).id().hex()));
        assertThat(api.fetch(alice.access(), alternating).body()).isEqualTo(TestObjects.batch(List.of(objs.get(1), objs.get(0))));
    }

    @Test
    void anAnswerHoldsTheObjectsThatFitAndSaysHowManyItLeftOut() {
        List<SealedObject> objs = objects.segments(6);
        start(TestObjects.batch(objs.subList(0, 3)).length); // exactly the first three fit
        api.upload(alice.access(), objs);

        Response first = api.fetch(alice.access(), Api.hex(objs));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(TestObjects.batch(objs.subList(0, 3)));
        assertThat(first.header(OMITTED)).isEqualTo("3");
        assertThat(first.header("Content-Length")).isEqualTo(Integer.toString(first.body().length));

        // Asking again for the rest gets what fits of the rest; repeats do not count towards what was left out.
        long limit = TestObjects.batch(objs.subList(0, 3)).length;
        int fit = 0;
        for (int i = 3; i < 6 && (fit == 0 || TestObjects.batch(objs.subList(3, i + 1)).length <= limit); i++) fit++;
        List<String> rest = new ArrayList<>(Api.hex(objs.subList(3, 6)));
        rest.addAll(Api.hex(objs.subList(3, 6)));
        Response second = api.fetch(alice.access(), rest);
        assertThat(second.body()).isEqualTo(TestObjects.batch(objs.subList(3, 3 + fit)));
        assertThat(second.header(OMITTED)).isEqualTo(fit == 3 ? null : Integer.toString(3 - fit));
    }

    @Test
    void anObjectLargerThanTheLimitIsStillSentAlone() {
        start(16); // smaller than any frame
        List<SealedObject> objs = objects.segments(3);
        api.upload(alice.access(), objs);
        for (int i = 0; i < 3; i++) {
            Response r = api.fetch(alice.access(), Api.hex(objs.subList(i, 3)));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).as("one object per answer").isEqualTo(TestObjects.batch(objs.subList(i, i + 1)));
            assertThat(r.header(OMITTED)).isEqualTo(i == 2 ? null : Integer.toString(2 - i));
        }
    }
}
