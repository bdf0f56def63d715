package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.BillingPeriod;
import org.chatvault.server.billing.Catalog;
import org.chatvault.server.billing.Catalogs;
import org.chatvault.server.billing.Plan;
import org.chatvault.server.billing.Price;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.SubscriptionService;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.RouteRequests;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 "Enforcement": quota, media and the read-only grace, through the HTTP API, years driven by the clock. */
class PlanEnforcementApiTest {
    @TempDir Path dir;
    final TestObjects objects = new TestObjects(1111);
    ServerFixture fx;
    Api api;
    Session alice;

    @AfterEach
    void stop() {
        if (fx != null) fx.close();
    }

    private void start(UnaryOperator<ServerConfig> adjust) {
        fx = new ServerFixture(dir, adjust);
        api = fx.api();
        alice = api.newSession("alice");
    }

    /** The built-in catalog: free keeps 30 days of text, standard 2 years of everything. */
    private void startWithDefaultPlans() {
        start(c -> c.withBilling(BillingConfig.defaults()));
    }

    /** A free plan of {@code freeQuota} bytes with media, so that only the quota is in play. */
    private void startWithFreeQuota(long freeQuota) {
        Plan free = new Plan(Catalog.FREE_PLAN, "Free", true, Period.ofDays(30), freeQuota);
        Plan standard = new Plan("standard", "Standard", true, Period.ofYears(2), 1L << 30);
        Catalogs catalogs = new Catalogs(List.of(new Catalog(1, List.of(free, standard),
                List.of(new Price("standard", Provider.DIRECT, "chatvault.standard.yearly", BillingPeriod.YEAR, 130_00, "CNY")))));
        start(c -> c.withBilling(BillingConfig.defaults().withCatalogs(catalogs)));
    }

    private String accountId(Session s) {
        return Api.signerOf(s).accountId();
    }

    /** A year of Standard bought now through a direct receipt, as a verifier would hand it over. */
    private Instant buyStandardYear(Session s, String receiptId) {
        Instant now = fx.clock().instant();
        Instant paidUntil = now.plus(Duration.ofDays(365));
        new SubscriptionService(fx.server().metadata().subscriptions(), fx.config().billing().catalogs(), fx.clock())
                .redeem(accountId(s), new VerifiedPurchase(Provider.DIRECT, receiptId, accountId(s), "chatvault.standard.yearly",
                        SubscriptionStatus.ACTIVE, now, paidUntil, null, null));
        return paidUntil;
    }

    private void advanceAndLogIn(Duration d) {
        fx.clock().advance(d);
        alice = api.signedLogin(alice);
    }

    private static long bodyBytes(SealedObject... objs) {
        return Stream.of(objs).mapToLong(o -> o.body().length).sum();
    }

    private JsonNode usage() {
        Response r = api.get("v1/usage", alice.access());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static void assertRefused(Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(code);
    }

    private long packFiles() throws IOException {
        Path objectsDir = fx.config().dataDir().resolve("objects");
        if (!Files.exists(objectsDir)) return 0;
        try (Stream<Path> files = Files.walk(objectsDir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void anUploadThatFillsTheQuotaExactlyIsStoredAndTheNextByteIsRefusedWithUsageAndLimitInWords() throws IOException {
        SealedObject a = objects.segment(), b = objects.segment(), c = objects.segment();
        startWithFreeQuota(bodyBytes(a, b));

        assertThat(api.upload(alice.access(), List.of(a)).status()).isEqualTo(200);
        assertThat(api.upload(alice.access(), List.of(b)).status()).isEqualTo(200);
        assertThat(usage().get("bytes").asLong()).isEqualTo(bodyBytes(a, b));
        long packs = usage().get("packs").asLong();
        long files = packFiles();

        Response over = api.upload(alice.access(), List.of(c));
        assertRefused(over, 413, "quota_exceeded");
        assertThat(over.json().get("message").asText()).contains("more than your Free plan's").contains("stored").contains("nothing of it was stored");
        assertThat(api.missing(alice.access(), Api.hex(List.of(c))).json().get("missing")).hasSize(1);
        assertThat(usage().get("packs").asLong()).isEqualTo(packs);
        assertThat(packFiles()).isEqualTo(files);
        // Objects the account already holds cost nothing: sending them again at the limit is fine.
        assertThat(api.upload(alice.access(), List.of(a, b)).status()).isEqualTo(200);
    }

    @Test
    void oneByteOverTheQuotaStoresNothing() throws IOException {
        SealedObject a = objects.segment(), b = objects.segment();
        startWithFreeQuota(bodyBytes(a, b) - 1);

        Response r = api.upload(alice.access(), List.of(a, b));
        assertRefused(r, 413, "quota_exceeded");
        assertThat(r.json().get("message").asText()).startsWith("this upload needs 1 B more than your Free plan's");
        assertThat(usage().get("objects").asLong()).isZero();
        assertThat(usage().get("packs").asLong()).isZero();
        assertThat(packFiles()).isZero();
    }

    @Test
    void concurrentUploadsOfOneAccountDoNotTogetherPassTheQuota() throws Exception {
        int accounts = 6;
        List<SealedObject> first = new ArrayList<>(), second = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            first.add(objects.segment(TestObjects.BUCKET, 1000));
            second.add(objects.segment(TestObjects.BUCKET + 1, 1000)); // another month: another pack
        }
        long each = first.getFirst().body().length;
        startWithFreeQuota(each + each / 2); // room for one of the two, never both
        for (int i = 0; i < accounts; i++) {
            Session s = i == 0 ? alice : api.newSession("user" + i);
            CyclicBarrier together = new CyclicBarrier(2);
            SealedObject x = first.get(i), y = second.get(i);
            CompletableFuture<Response> one = CompletableFuture.supplyAsync(() -> uploadAfter(together, s, x));
            CompletableFuture<Response> two = CompletableFuture.supplyAsync(() -> uploadAfter(together, s, y));
            List<Integer> statuses = List.of(one.get().status(), two.get().status());
            assertThat(statuses).as("account %d", i).containsExactlyInAnyOrder(200, 413);
            assertThat(api.get("v1/usage", s.access()).json().get("bytes").asLong()).isEqualTo(each);
        }
    }

    private Response uploadAfter(CyclicBarrier barrier, Session s, SealedObject o) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return api.upload(s.access(), List.of(o));
    }

    @Test
    void theFreePlanRefusesMediaAndStoresNothingOfTheBatch() {
        startWithDefaultPlans();
        SealedObject text = objects.segment();
        for (ObjectKind kind : List.of(ObjectKind.MEDIA_CHUNK, ObjectKind.FILE_RECIPE, ObjectKind.THUMBNAIL, ObjectKind.MEDIA_INDEX)) {
            SealedObject media = objects.content(kind, TestObjects.BUCKET, 300);
            Response r = api.upload(alice.access(), List.of(text, media));
            assertRefused(r, 403, "plan_excludes_media");
            assertThat(r.json().get("message").asText()).contains("Free plan stores text only");
            assertThat(api.missing(alice.access(), Api.hex(List.of(text, media))).json().get("missing")).hasSize(2);
        }
        assertThat(api.upload(alice.access(), List.of(text)).status()).isEqualTo(200);
    }

    @Test
    void paidThenLapsedReadOnlyWithReadsThenCutToFreeText() {
        startWithDefaultPlans();
        Instant paidUntil = buyStandardYear(alice, "receipt-1");
        SealedObject segment = objects.segment(), photo = objects.content(ObjectKind.MEDIA_CHUNK, TestObjects.BUCKET, 5000);
        SealedObject root = objects.root();
        assertThat(api.upload(alice.access(), List.of(segment, photo, root)).status()).isEqualTo(200);
        assertThat(api.post("v1/vault/commit", alice.access(), RouteRequests.commit(0, root, List.of(segment, photo), List.of())).status())
                .isEqualTo(200);
        assertThat(usage().get("state").asText()).isEqualTo("paid");

        advanceAndLogIn(Duration.ofDays(366)); // lapsed a day ago: read-only for 30 days
        SealedObject later = objects.segment(), root2 = objects.root();
        Response upload = api.upload(alice.access(), List.of(later));
        assertRefused(upload, 403, "vault_read_only");
        assertThat(upload.json().get("message").asText())
                .contains("your subscription lapsed on " + paidUntil.toString().substring(0, 10))
                .contains("read-only until " + paidUntil.plus(Duration.ofDays(30)).toString().substring(0, 10))
                .contains("restore, export and archive still work");
        assertRefused(api.post("v1/vault/commit", alice.access(), RouteRequests.commit(1, root2, List.of(), List.of())), 403, "vault_read_only");
        assertRefused(api.post("v1/objects/relabel", alice.access(), Map.of("bucket", 202612, "ids", Api.hex(List.of(segment)))),
                403, "vault_read_only");
        // Every read keeps working: a lapsed user restores and exports.
        assertThat(api.get("v1/vault/head", alice.access()).json().get("version").asLong()).isEqualTo(1);
        assertThat(api.missing(alice.access(), Api.hex(List.of(segment, photo))).json().get("missing")).isEmpty();
        assertThat(api.fetch(alice.access(), Api.hex(List.of(segment, photo))).status()).isEqualTo(200);
        JsonNode u = usage();
        assertThat(u.get("state").asText()).isEqualTo("read_only");
        assertThat(u.get("readOnlyUntil").asLong()).isEqualTo(paidUntil.plus(Duration.ofDays(30)).toEpochMilli());

        advanceAndLogIn(Duration.ofDays(30)); // the grace is over: free, text only
        assertThat(usage().get("state").asText()).isEqualTo("free");
        assertThat(api.upload(alice.access(), List.of(later, root2)).status()).isEqualTo(200);
        assertRefused(api.upload(alice.access(), List.of(objects.content(ObjectKind.THUMBNAIL, TestObjects.BUCKET, 100))), 403,
                "plan_excludes_media");
        assertThat(api.post("v1/vault/commit", alice.access(), RouteRequests.commit(1, root2, List.of(later), List.of())).status())
                .isEqualTo(200);
    }

    @Test
    void usageAnnouncesEachMonthsExpiryWithItsReasonAndBytesByKind() {
        startWithDefaultPlans(); // the clock starts at 2024-01-15T10:00Z
        Instant paidUntil = buyStandardYear(alice, "receipt-2");
        SealedObject old = objects.segment(202201, 500), photo = objects.content(ObjectKind.MEDIA_CHUNK, 202312, 4000);
        SealedObject thumb = objects.content(ObjectKind.THUMBNAIL, 202312, 300), root = objects.root();
        assertThat(api.upload(alice.access(), List.of(old, photo, thumb, root)).status()).isEqualTo(200);

        JsonNode u = usage();
        assertThat(u.get("plan").get("id").asText()).isEqualTo("standard");
        assertThat(u.get("plan").get("quotaBytes").asLong()).isEqualTo(50L << 30);
        assertThat(u.get("plan").get("retention").asText()).isEqualTo("P2Y");
        assertThat(u.get("paidUntil").asLong()).isEqualTo(paidUntil.toEpochMilli());
        Instant cut = paidUntil.plus(Duration.ofDays(30));
        assertThat(u.get("cutOn").asLong()).isEqualTo(cut.toEpochMilli());
        assertThat(u.get("keptFrom").asInt()).isEqualTo(202201);
        assertThat(u.get("bytes").asLong()).isEqualTo(bodyBytes(old, photo, thumb, root));
        List<Integer> months = new ArrayList<>();
        u.get("byMonth").forEach(m -> months.add(m.get("month").asInt()));
        assertThat(months).containsExactly(0, 202201, 202312);
        JsonNode kinds = u.get("byKind");
        assertThat(kinds).hasSize(4);
        assertThat(kinds.findValuesAsText("kind")).containsExactlyInAnyOrder("segment", "media_chunk", "root_manifest", "thumbnail");

        JsonNode expiries = u.get("expiries");
        assertThat(expiries).hasSize(2);
        // January 2022 leaves the two-year window when February 2024 begins; the plan in force says so.
        assertThat(expiries.get(0).get("month").asInt()).isEqualTo(202201);
        assertThat(expiries.get(0).get("at").asLong()).isEqualTo(Instant.parse("2024-02-01T00:00:00Z").toEpochMilli());
        assertThat(expiries.get(0).get("reason").asText()).isEqualTo("plan");
        assertThat(expiries.get(0).get("bytes").asLong()).isEqualTo(bodyBytes(old));
        // December 2023 would be kept by Standard, but goes at the cut to Free if nothing renews.
        JsonNode dec = expiries.get(1);
        assertThat(dec.get("month").asInt()).isEqualTo(202312);
        assertThat(dec.get("at").asLong()).isEqualTo(cut.toEpochMilli());
        assertThat(dec.get("reason").asText()).isEqualTo("cut");
        assertThat(dec.get("objects").asLong()).isEqualTo(2);
        assertThat(dec.get("bytes").asLong()).isEqualTo(bodyBytes(photo, thumb));
        assertThat(dec.get("byKind").findValuesAsText("kind")).containsExactlyInAnyOrder("media_chunk", "thumbnail");
    }
}
