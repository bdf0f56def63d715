package org.chatvault.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.http.ApiEndpoint;
import org.chatvault.server.testing.Api.Response;

/**
 * A plausible request for every route of {@link ApiEndpoint}: the path with its parameters filled
 * in and a body the route would accept from its owner, so a refusal in a test cannot be blamed on
 * the request. The derivation is an exhaustive {@code switch}: a route added to the table does
 * not compile here until someone decides what a request to it looks like.
 */
public final class RouteRequests {
    /** When the purchases in Apple requests were made (the test servers' clocks start a day later). */
    private static final Instant APPLE_PURCHASE = Instant.parse("2024-01-14T10:00:00Z");

    private RouteRequests() {}

    /**
     * What the requests name: an account's resources, or made-up ones.
     *
     * @param slotId            the key slot that PUT and DELETE name
     * @param slotKind          the kind a PUT gives it
     * @param deviceId          the device that rename and revoke name
     * @param approvalDeviceId  the device that approval names
     * @param approvalPublicKey base64 of the X25519 key that device asked to be approved with
     * @param objects           objects the account holds (fetch, missing, relabel, upload)
     * @param root              an uploaded root the commit moves the head to
     * @param headVersion       the head version the commit starts from
     * @param loginSecret       base64 of the account's current login secret (password change)
     * @param accountId         the account a direct receipt is issued to
     */
    public record Targets(String slotId, String slotKind, String deviceId, String approvalDeviceId, String approvalPublicKey,
                          List<SealedObject> objects, SealedObject root, long headVersion, String loginSecret, String accountId) {
        /** Made-up names that no account holds, over {@code root} and some objects of a test vault. */
        public static Targets madeUp(SealedObject root, List<SealedObject> objects) {
            return new Targets("recovery", "recovery", "no-such-device", "no-such-device", Base64.getEncoder().encodeToString(new byte[32]),
                    objects, root, 0, Api.newSecret(), "no-such-account");
        }
    }

    /** One request: method, path as sent (no leading slash, for {@link Api}), content type and body (both null for none). */
    public record RouteRequest(ApiEndpoint endpoint, String path, String contentType, byte[] body) {
        /** Sent with {@code token}, signed if the Api remembers a signer for it. */
        public Response send(Api api, String token) {
            return api.send(endpoint.method(), path, token, contentType, body);
        }

        /** Sent with {@code token} and exactly {@code headers}, no other signature. */
        public Response sendWithHeaders(Api api, String token, Map<String, String> headers) {
            return api.sendWithHeaders(endpoint.method(), path, token, contentType, body, headers);
        }

        /** The path as the server sees it, which a signature covers. */
        public String signedPath() { return "/" + path; }

        /** The body as a signature hashes it: empty for none. */
        public byte[] signedBody() { return body == null ? new byte[0] : body; }
    }

    public static RouteRequest of(ApiEndpoint e, Targets t) {
        List<String> ids = Api.hex(t.objects());
        return switch (e) {
            case HEALTH, READY, METRICS, OPENAPI, LOGOUT, REVOKE_OTHER_SESSIONS, LIST_DEVICES, AUDIT, LIST_KEY_SLOTS, HEAD, USAGE -> none(e, e.path());
            case ARCHIVE -> none(e, e.path());
            case REGISTER, LOGIN -> json(e, e.path(), Map.of("username", "someone", "loginSecret", Api.newSecret()));
            case REFRESH -> json(e, e.path(), Map.of("refreshToken", "x"));
            case CHANGE_PASSWORD -> json(e, e.path(), Map.of("currentLoginSecret", t.loginSecret(), "newLoginSecret", Api.newSecret()));
            case RENAME_DEVICE -> json(e, device(e, t.deviceId()), Map.of("name", "phone"));
            case REVOKE_DEVICE -> none(e, device(e, t.deviceId()));
            case REQUEST_APPROVAL -> json(e, e.path(), Map.of("publicKey", Base64.getEncoder().encodeToString(new byte[32])));
            case APPROVE_DEVICE -> json(e, device(e, t.approvalDeviceId()), Map.of("publicKey", t.approvalPublicKey(), "keySlot", "AAECAw=="));
            case PUT_KEY_SLOT -> json(e, slot(e, t.slotId()), Map.of("kind", t.slotKind(), "blob", "AAECAw=="));
            case DELETE_KEY_SLOT -> none(e, slot(e, t.slotId()));
            case MISSING, FETCH -> json(e, e.path(), Map.of("ids", ids));
            case UPLOAD -> new RouteRequest(e, relative(e.path()), e.request().mediaType(), TestObjects.batch(t.objects()));
            case RELABEL -> json(e, e.path(), Map.of("bucket", TestObjects.BUCKET, "ids", ids));
            case COMMIT -> json(e, e.path(), commit(t.headVersion(), t.root(), List.of(), List.of()));
            // issue 11: billing-core
            case PLANS, SUBSCRIPTION -> none(e, e.path());
            case REDEEM_DIRECT -> json(e, e.path(), Map.of("receipt", TestReceipts.anyTime(t.accountId())));
            // issue 11: apple. A purchase without an account token (any account may redeem it, once), and Apple's test notification.
            case REDEEM_APPLE -> json(e, e.path(), Map.of("signedTransaction", AppleTestStore.shared().sign(AppleTestStore.transaction(
                    AppleTestStore.newTransactionId(), "chatvault.standard.yearly", null, APPLE_PURCHASE, APPLE_PURCHASE.plus(Duration.ofDays(365))))));
            case APPLE_NOTIFICATION -> json(e, e.path(), Map.of("signedPayload",
                    AppleTestStore.shared().sign(AppleTestStore.notification("TEST", null, null, null, APPLE_PURCHASE))));
            // issue 11: google
            case REDEEM_GOOGLE -> json(e, e.path(), Map.of("purchaseToken", "made-up-purchase-token", "productId", "chatvault.standard.yearly"));
            case GOOGLE_NOTIFICATION -> json(e, e.path(), Map.of("message", Map.of("data", Base64.getEncoder().encodeToString(
                    "{\"version\":\"1.0\",\"packageName\":\"org.chatvault.app\",\"testNotification\":{\"version\":\"1.0\"}}".getBytes()),
                    "messageId", "1"), "subscription", "projects/p/subscriptions/play"));
            // issue 11: lifecycle
            case DELETE_ACCOUNT, ACCOUNT_SETTINGS -> none(e, e.path());
            case UPDATE_ACCOUNT_SETTINGS -> json(e, e.path(), Map.of("inactivityMonths", 6));
        };
    }

    /** A commit body: from {@code base} to {@code root}, adding and dropping objects. */
    public static Map<String, Object> commit(long base, SealedObject root, List<SealedObject> added, List<SealedObject> dropped) {
        Map<String, Object> m = new HashMap<>();
        m.put("baseVersion", base);
        m.put("root", root.id().hex());
        m.put("added", Api.hex(added));
        m.put("dropped", Api.hex(dropped));
        return m;
    }

    private static String device(ApiEndpoint e, String deviceId) { return e.path().replace("{deviceId}", deviceId); }

    private static String slot(ApiEndpoint e, String slotId) { return e.path().replace("{slotId}", slotId); }

    private static String relative(String path) { return path.substring(1); }

    private static RouteRequest none(ApiEndpoint e, String path) {
        return new RouteRequest(e, relative(path), null, null);
    }

    private static RouteRequest json(ApiEndpoint e, String path, Object body) {
        try {
            return new RouteRequest(e, relative(path), "application/json", Api.JSON.writeValueAsBytes(body));
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }
}
