package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.AppleTestStore;
import org.chatvault.server.testing.FakeGooglePlay;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.Api.Signer;
import org.chatvault.server.testing.RouteRequests;
import org.chatvault.server.testing.RouteRequests.RouteRequest;
import org.chatvault.server.testing.RouteRequests.Targets;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.testing.TestReceipts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization of every route, generated from the route table {@link ApiEndpoint}: each route
 * that is not public is tried with no token, an expired token, a revoked device's token and as
 * another account, and each vault route with no and with a wrong vault signature. Requests are
 * the plausible ones of {@link RouteRequests} (which a new route cannot compile without), each
 * case checks it covered exactly the routes of the table it is about, and after every refusal the
 * owner's vault, key slots, devices and sessions are as they were.
 */
class RouteAuthorizationTest {
    /** The routes reachable without a token. A route added here escapes every case below, so it must be a choice. */
    private static final Set<ApiEndpoint> PUBLIC = EnumSet.of(ApiEndpoint.HEALTH, ApiEndpoint.READY, ApiEndpoint.METRICS,
            ApiEndpoint.OPENAPI, ApiEndpoint.REGISTER, ApiEndpoint.LOGIN, ApiEndpoint.REFRESH,
            ApiEndpoint.PLANS, // issue 11: billing-core
            ApiEndpoint.APPLE_NOTIFICATION, // issue 11: apple (signed by Apple, verified before anything is believed)
            // issue 11: google (Pub/Sub's own OIDC token is checked instead: GooglePlayApiTest)
            ApiEndpoint.GOOGLE_NOTIFICATION);
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir Path dir;
    private ServerFixture fx;
    private FakeGooglePlay google;
    private Api api;
    private final TestObjects objects = new TestObjects(1010);

    /** Alice's signing session (device A), her account id, and what requests name. */
    private Session alice;
    private String aliceAccountId;
    private Targets aliceTargets;
    /** Her second device B (signing), and device C, which logged in with the password alone and waits for approval. */
    private String deviceB;
    private String tokenB;
    private String tokenC;
    private List<String> slotBlobs;

    @BeforeEach
    void aliceWithAVaultAndThreeDevices() {
        // issue 11: google. Play knows the made-up purchase token of RouteRequests, linked to no account.
        google = new FakeGooglePlay();
        google.purchase("made-up-purchase-token", FakeGooglePlay.Recorded.of("subscriptionsv2-active.json").account(null));
        Path keys = dir.resolve("google-keys");
        try {
            java.nio.file.Files.createDirectories(keys);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // issue 11: the stores are configured so their routes answer as they would in service.
        fx = new ServerFixture(dir.resolve("data"), c -> c.withBilling(c.billing().withDirect(TestReceipts.settings(dir.resolve("billing")))
                .withApple(AppleTestStore.shared().settings(dir)).withGoogle(google.settings(keys))));
        api = fx.api();
        alice = api.newSession("alice");
        aliceAccountId = Api.signerOf(alice).accountId();

        List<SealedObject> segments = objects.segments(2);
        SealedObject committedRoot = objects.root();
        SealedObject nextRoot = objects.root();
        List<SealedObject> held = new ArrayList<>(segments);
        held.add(committedRoot);
        assertThat(api.upload(alice.access(), held).status()).isEqualTo(200);
        assertThat(api.upload(alice.access(), List.of(nextRoot)).status()).isEqualTo(200);
        assertThat(api.post("v1/vault/commit", alice.access(), RouteRequests.commit(0, committedRoot, segments, List.of())).status()).isEqualTo(200);

        slotBlobs = List.of(randomBase64(), randomBase64());
        assertThat(api.json("PUT", "v1/keyslots/recovery", alice.access(), Map.of("kind", "recovery", "blob", slotBlobs.get(0))).status()).isEqualTo(204);
        assertThat(api.json("PUT", "v1/keyslots/passphrase", alice.access(), Map.of("kind", "passphrase", "blob", slotBlobs.get(1))).status()).isEqualTo(204);

        JsonNode b = loginJson();
        deviceB = b.get("deviceId").asText();
        tokenB = b.get("accessToken").asText();
        api.sign(tokenB, Api.signerOf(alice));

        JsonNode c = loginJson();
        tokenC = c.get("accessToken").asText();
        String approvalKey = randomBase64(32);
        assertThat(api.post("v1/devices/current/approval", tokenC, Map.of("publicKey", approvalKey)).status()).isEqualTo(200);

        aliceTargets = new Targets("passphrase", "passphrase", deviceB, c.get("deviceId").asText(), approvalKey,
                segments, nextRoot, 1, alice.secret(), aliceAccountId);
    }

    @AfterEach
    void stop() {
        fx.close();
        google.close();
    }

    private JsonNode loginJson() {
        Response r = api.login(alice.username(), alice.secret());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static String randomBase64() { return randomBase64(48); }

    private static String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static Set<ApiEndpoint> routes(java.util.function.Predicate<ApiEndpoint> which) {
        return Arrays.stream(ApiEndpoint.values()).filter(which).collect(Collectors.toCollection(() -> EnumSet.noneOf(ApiEndpoint.class)));
    }

    private static Set<ApiEndpoint> protectedRoutes() { return routes(e -> !e.isPublic()); }

    /**
     * Alice's state as her device A sees it: head, key slots, devices (without the last-seen time,
     * which her own reads move), usage, her objects' bytes, and which of {@code sessions} still work.
     */
    private String aliceState(String token, String... sessions) {
        JsonNode head = api.get("v1/vault/head", token).json();
        JsonNode slots = api.get("v1/keyslots", token).json();
        List<String> devices = new ArrayList<>();
        for (JsonNode d : api.get("v1/devices", token).json().get("devices"))
            devices.add(d.get("deviceId").asText() + " " + d.get("name").asText() + " " + d.get("kind").asText()
                    + " pending=" + d.get("pendingApproval").asBoolean() + " key=" + d.path("publicKey").asText(""));
        JsonNode usage = api.get("v1/usage", token).json();
        Response fetched = api.fetch(token, Api.hex(aliceTargets.objects()));
        assertThat(fetched.status()).as(fetched.text()).isEqualTo(200);
        List<Integer> alive = Arrays.stream(sessions).map(s -> api.unsigned("GET", "v1/usage", s, null, null).status()).toList();
        return "head " + head + "\nslots " + slots + "\ndevices " + devices + "\nusage " + usage
                + "\nobjects " + Base64.getEncoder().encodeToString(fetched.body()) + "\nsessions " + alive;
    }

    private String aliceState() { return aliceState(alice.access(), tokenB, tokenC); }

    @Test
    void exactlyTheseRoutesArePublic() {
        assertThat(routes(ApiEndpoint::isPublic)).isEqualTo(PUBLIC);
        assertThat(routes(e -> e.access() == Access.VAULT)).as("the vault routes are among the protected ones")
                .isNotEmpty().allMatch(e -> !PUBLIC.contains(e));
    }

    @Test
    void everyProtectedRouteRefusesARequestWithoutAToken() {
        String before = aliceState();
        Set<ApiEndpoint> covered = EnumSet.noneOf(ApiEndpoint.class);
        for (ApiEndpoint e : protectedRoutes()) {
            assertError(RouteRequests.of(e, aliceTargets).sendWithHeaders(api, null, Map.of()), 401, "unauthorized");
            covered.add(e);
        }
        assertThat(covered).isEqualTo(routes(e -> !PUBLIC.contains(e)));
        assertThat(aliceState()).isEqualTo(before);
    }

    @Test
    void everyProtectedRouteRefusesAnExpiredAccessTokenEvenWhenSigned() {
        String before = aliceState(alice.access());
        fx.clock().advance(fx.config().accessTokenTtl().plusSeconds(1));
        Set<ApiEndpoint> covered = EnumSet.noneOf(ApiEndpoint.class);
        for (ApiEndpoint e : protectedRoutes()) {
            assertError(RouteRequests.of(e, aliceTargets).send(api, alice.access()), 401, "token_expired");
            covered.add(e);
        }
        assertThat(covered).isEqualTo(routes(e -> !PUBLIC.contains(e)));

        // The session itself lives on: refreshed, device A finds everything as it was.
        Response refreshed = api.post("v1/sessions/refresh", null, Map.of("refreshToken", alice.refresh()));
        assertThat(refreshed.status()).as(refreshed.text()).isEqualTo(200);
        // Device C's approval request expired with the clock, as it should; that is the only difference.
        assertThat(before).contains("pending=true");
        assertThat(aliceState(refreshed.json().get("accessToken").asText())).isEqualTo(before.replace("pending=true", "pending=false"));
    }

    @Test
    void everyProtectedRouteRefusesATokenOfARevokedDevice() {
        Response login = api.login(alice.username(), alice.secret());
        String deviceD = login.json().get("deviceId").asText();
        String tokenD = login.json().get("accessToken").asText();
        api.sign(tokenD, Api.signerOf(alice)); // device D holds the vault key: only the revocation stops it
        assertThat(RouteRequests.of(ApiEndpoint.HEAD, aliceTargets).send(api, tokenD).status()).isEqualTo(200);
        assertThat(api.delete("v1/devices/" + deviceD, alice.access()).status()).isEqualTo(204);
        String before = aliceState();

        Set<ApiEndpoint> covered = EnumSet.noneOf(ApiEndpoint.class);
        for (ApiEndpoint e : protectedRoutes()) {
            assertError(RouteRequests.of(e, aliceTargets).send(api, tokenD), 401, "unauthorized");
            covered.add(e);
        }
        assertThat(covered).isEqualTo(routes(e -> !PUBLIC.contains(e)));
        assertError(api.post("v1/sessions/refresh", null, Map.of("refreshToken", login.json().get("refreshToken").asText())), 401, "unauthorized");
        assertThat(aliceState()).isEqualTo(before);
    }

    @Test
    void everyProtectedRouteKeepsAnotherAccountAwayFromAlicesData() {
        String before = aliceState();
        Set<ApiEndpoint> covered = EnumSet.noneOf(ApiEndpoint.class);
        for (ApiEndpoint e : protectedRoutes()) {
            // A fresh bob per route, with a signing session of his own, naming alice's slot, devices and objects.
            Session bob = api.newSession("bob-" + e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            Response r = RouteRequests.of(e, aliceTargets).send(api, bob.access());
            for (String blob : slotBlobs) assertThat(r.text()).as(e + " shows alice's key slot").doesNotContain(blob);
            assertThat(r.text()).as(e + " shows alice's account").doesNotContain(aliceAccountId);
            assertAnsweredAsBobsOwn(e, r, bob);
            assertThat(aliceState()).as(e + " changed alice's state").isEqualTo(before);
            covered.add(e);
        }
        assertThat(covered).isEqualTo(routes(e -> !PUBLIC.contains(e)));
        assertThat(api.login(alice.username(), alice.secret()).status()).as("alice's password still works").isEqualTo(200);
    }

    /** What bob gets for naming alice's resources: a refusal, or his own (empty) account; never alice's. */
    private void assertAnsweredAsBobsOwn(ApiEndpoint e, Response r, Session bob) {
        Set<String> aliceDevices = Set.of(deviceB, aliceTargets.approvalDeviceId());
        switch (e) {
            case HEALTH, READY, METRICS, OPENAPI, REGISTER, LOGIN, REFRESH, PLANS, APPLE_NOTIFICATION, GOOGLE_NOTIFICATION ->
                    throw new AssertionError(e + " is public");
            // issue 11: billing-core. Bob has no subscription, and alice's receipt is not his to redeem.
            case SUBSCRIPTION -> {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.json().path("entitlement").path("state").asText()).isEqualTo("free");
                assertThat(r.json().get("subscriptions")).isEmpty();
            }
            case REDEEM_DIRECT -> assertError(r, 400, "invalid_purchase");
            // His own session ends, his other sessions end: nothing of alice's.
            case LOGOUT, REVOKE_OTHER_SESSIONS -> assertThat(r.status()).as(r.text()).isEqualTo(204);
            // Alice's current password is not bob's.
            case CHANGE_PASSWORD -> assertError(r, 401, "invalid_credentials");
            case LIST_DEVICES -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().get("devices")).hasSize(1);
                assertThat(r.json().get("devices").get(0).get("deviceId").asText()).isNotIn(aliceDevices);
            }
            case RENAME_DEVICE, REVOKE_DEVICE, DELETE_KEY_SLOT -> assertError(r, 404, "not_found");
            case APPROVE_DEVICE -> assertError(r, 409, "no_pending_approval");
            case REQUEST_APPROVAL -> {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.json().get("deviceId").asText()).isNotIn(aliceDevices);
            }
            case AUDIT -> {
                assertThat(r.status()).isEqualTo(200);
                aliceDevices.forEach(d -> assertThat(r.text()).doesNotContain(d));
            }
            case LIST_KEY_SLOTS -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().get("slots")).isEmpty();
            }
            case PUT_KEY_SLOT -> { // a slot of bob's own, with bob's blob
                assertThat(r.status()).as(r.text()).isEqualTo(204);
                JsonNode slots = api.get("v1/keyslots", bob.access()).json().get("slots");
                assertThat(slots).hasSize(1);
                assertThat(slots.get(0).get("blob").asText()).isEqualTo("AAECAw==");
            }
            case MISSING -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().get("missing")).hasSize(aliceTargets.objects().size());
            }
            case UPLOAD -> { // stored for bob, next to alice's copies, which stay hers
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(api.get("v1/usage", bob.access()).json().get("objects").asLong()).isEqualTo(aliceTargets.objects().size());
            }
            case FETCH, RELABEL -> assertError(r, 404, "object_not_found");
            case HEAD -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().get("version").asLong()).isZero();
                assertThat(r.json().get("root").isNull()).isTrue();
            }
            case ARCHIVE -> { // bob's own empty vault: the batch magic and no object
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.header("Chatvault-Head-Version")).isEqualTo("0");
                assertThat(r.header("Chatvault-Archive-Objects")).isEqualTo("0");
                assertThat(r.body()).isEqualTo(org.chatvault.protocol.batch.BatchFormat.MAGIC);
            }
            case COMMIT -> assertError(r, 409, "head_conflict"); // bob's own head is at 0
            // issue 11: lifecycle. Bob's own account is what he deletes or configures.
            case DELETE_ACCOUNT -> {
                assertThat(r.status()).as(r.text()).isEqualTo(204);
                assertError(api.get("v1/usage", bob.access()), 401, "unauthorized");
            }
            case ACCOUNT_SETTINGS -> {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.json().get("inactivityMonths").asInt()).isEqualTo(12);
            }
            case UPDATE_ACCOUNT_SETTINGS -> {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(api.get("v1/account/settings", bob.access()).json().get("inactivityMonths").asInt()).isEqualTo(6);
            }
            case USAGE -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().get("objects").asLong()).isZero();
            }
            // issue 11: apple. A purchase naming no account is bob's once he redeems it; alice's state is checked unchanged.
            case REDEEM_APPLE -> {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.json().get("planId").asText()).isEqualTo("standard");
            }
            // issue 11: google. The purchase Play links to no account becomes bob's own.
            case REDEEM_GOOGLE -> {
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                assertThat(r.json().get("status").asText()).isEqualTo("active");
            }
        }
    }

    @Test
    void everyVaultRouteRefusesAMissingOrWrongSignatureAndTakesTheRightOne() {
        Signer signer = Api.signerOf(alice);
        Set<ApiEndpoint> covered = EnumSet.noneOf(ApiEndpoint.class);
        try (VaultSigningKey strangerKey = Signer.newKey()) {
            Signer stranger = new Signer(aliceAccountId, strangerKey);
            // Deleting the account last: once it is served, alice has nothing left to sign for.
            List<ApiEndpoint> vaultRoutes = new ArrayList<>(routes(x -> x.access() == Access.VAULT && x != ApiEndpoint.DELETE_ACCOUNT));
            vaultRoutes.add(ApiEndpoint.DELETE_ACCOUNT);
            for (ApiEndpoint e : vaultRoutes) {
                RouteRequest request = RouteRequests.of(e, aliceTargets);
                String before = aliceState();
                String method = e.method();
                byte[] otherBody = Arrays.copyOf(request.signedBody(), request.signedBody().length + 1);

                assertError(request.sendWithHeaders(api, alice.access(), Map.of()), 403, "signature_required");
                assertError(request.sendWithHeaders(api, alice.access(),
                        stranger.headers(method, request.signedPath(), stranger.nextTimestamp(api.clock()), request.signedBody())), 403, "signature_invalid");
                assertError(request.sendWithHeaders(api, alice.access(),
                        signer.headers(method, request.signedPath(), signer.nextTimestamp(api.clock()), otherBody)), 403, "signature_invalid");
                assertThat(aliceState()).as(e + " changed alice's state without her signature").isEqualTo(before);

                // The same request, signed by alice's key, is served: the refusals were the signature's.
                Response signed = request.send(api, alice.access());
                assertThat(signed.status()).as(e + ": " + signed.text()).isEqualTo(e.successStatus());
                covered.add(e);
            }
        }
        assertThat(covered).isEqualTo(routes(e -> e.access() == Access.VAULT)).contains(ApiEndpoint.COMMIT, ApiEndpoint.PUT_KEY_SLOT,
                ApiEndpoint.DELETE_KEY_SLOT, ApiEndpoint.REVOKE_DEVICE, ApiEndpoint.APPROVE_DEVICE, ApiEndpoint.CHANGE_PASSWORD);
    }
}
