package org.chatvault.client.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chatvault.client.ClientException;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;
import org.chatvault.protocol.WireJson;
import org.chatvault.protocol.account.AccountSettings;
import org.chatvault.protocol.account.AccountSettingsUpdate;
import org.chatvault.protocol.account.Credentials;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.account.PasswordChange;
import org.chatvault.protocol.audit.AuditPage;
import org.chatvault.protocol.billing.DirectReceipt;
import org.chatvault.protocol.billing.PlanCatalog;
import org.chatvault.protocol.billing.SubscriptionOverview;
import org.chatvault.protocol.device.ApprovalPending;
import org.chatvault.protocol.device.ApprovalRequest;
import org.chatvault.protocol.device.DeviceApproval;
import org.chatvault.protocol.device.Devices;
import org.chatvault.protocol.device.RenameDevice;
import org.chatvault.protocol.account.RefreshRequest;
import org.chatvault.protocol.account.Registration;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.protocol.error.ErrorBody;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.protocol.keyslot.KeySlots;
import org.chatvault.protocol.keyslot.PutKeySlot;
import org.chatvault.protocol.signing.RequestSignature;
import org.chatvault.protocol.object.MissingObjects;
import org.chatvault.protocol.object.ObjectIds;
import org.chatvault.protocol.object.RelabelRequest;
import org.chatvault.protocol.object.RelabelResult;
import org.chatvault.protocol.object.UploadResult;
import org.chatvault.protocol.vault.Commit;
import org.chatvault.protocol.vault.CommitResult;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.protocol.vault.VaultUsage;

/**
 * The HTTP client for docs/API.md, on the JDK's HttpClient. Retries what is safe to retry
 * (every call here is idempotent, commit included thanks to its compare-and-swap) when the
 * connection drops, and refreshes an expired access token once per call.
 *
 * <p>Once {@link #signWith} has been given the vault signing key, every authenticated request is
 * signed (docs/API.md "Signed requests"), each attempt afresh: with the server's time as last
 * learnt (from a login or refresh, or the {@code Date} of a {@code signature_stale} answer, which
 * is retried once), and a timestamp later than the previous one, so two identical requests are
 * never taken for a replay.
 */
public final class VaultApi {
    private static final ObjectMapper JSON = WireJson.mapper();
    private final URI base;
    private final HttpClient http;
    private final RetryPolicy retry;
    private volatile IssuedTokens tokens;
    private volatile Consumer<IssuedTokens> onTokens = t -> {};
    private volatile Observer observer;
    private final RequestSigner signer = new RequestSigner();
    private static final byte[] EMPTY_BODY_SHA256 = RequestSignature.bodyHash(new byte[0]);
    private volatile RefreshGuard refreshGuard;

    /**
     * Told about every HTTP exchange, for load measurements. Called once per attempt, not per
     * logical call: a retried upload reports each try, and a token refresh reports its own
     * exchange, so error counts show what the server really answered. The duration runs from
     * sending the request to the end of reading the answer (the whole stream for a fetch), so it
     * includes the client's decoding of that stream but not the building of the request body.
     * Called on the calling thread; it must be cheap and thread-safe.
     */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param endpoint method and path template, e.g. {@code "POST /v1/objects"} or {@code "PUT /v1/keyslots/{slotId}"}
         * @param status   the HTTP status, or -1 when no complete answer came (connection refused or dropped, timeout,
         *                 an answer stream cut or unreadable)
         * @param nanos    how long the exchange took
         */
        void exchange(String endpoint, int status, long nanos);
    }

    public VaultApi(URI base) { this(base, RetryPolicy.DEFAULT); }

    public VaultApi(URI base, RetryPolicy retry) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.retry = retry;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .sslContext(ServerTrust.context(this.base)).build();
    }

    public URI base() { return base; }

    /** Uses these tokens from now on and tells {@code listener} whenever they are refreshed. */
    public void useTokens(IssuedTokens t, Consumer<IssuedTokens> listener) {
        this.tokens = t;
        this.onTokens = listener == null ? x -> {} : listener;
    }

    public IssuedTokens tokens() { return tokens; }

    /**
     * Signs every authenticated request from now on with {@code key} (the caller keeps it and
     * closes it, after which nothing can be signed); null stops signing.
     */
    public void signWith(VaultSigningKey key) {
        signer.use(key);
    }

    /** Refreshes through {@code guard} from now on, which then keeps the new tokens itself (the {@link #useTokens} listener is not told); null refreshes directly. */
    public void guardRefreshes(RefreshGuard guard) { this.refreshGuard = guard; }

    /** Reports every exchange from now on to {@code observer}; null stops reporting. */
    public void observe(Observer observer) { this.observer = observer; }

    // ---- accounts --------------------------------------------------------------------------

    /** @param vaultPublicKey the public half of the vault signing key of the account's new master key */
    public void register(String username, String loginSecretB64, byte[] vaultPublicKey) {
        Registration r = new Registration(username, loginSecretB64, Base64.getEncoder().encodeToString(vaultPublicKey));
        send("POST /v1/accounts", () -> json("POST", "v1/accounts", r, false), Void.class);
    }

    public IssuedTokens login(String username, String loginSecretB64) {
        return login(new Credentials(username, loginSecretB64));
    }

    /** Logs in as the device {@code credentials} present (or as a new one); uses the tokens from now on. */
    public IssuedTokens login(Credentials credentials) {
        IssuedTokens t = send("POST /v1/sessions", () -> json("POST", "v1/sessions", credentials, false), IssuedTokens.class);
        signer.learn(t);
        tokens = t;
        return t;
    }

    /** Ends every other session of the account (the vault signature shows this device may). */
    public void revokeOtherSessions() {
        send("POST /v1/sessions/revoke-all", () -> authed(HttpRequest.newBuilder(base.resolve("v1/sessions/revoke-all"))
                .POST(HttpRequest.BodyPublishers.noBody())), Void.class);
    }

    /** Replaces the login secret; the server ends every other session. */
    public void changePassword(String currentLoginSecretB64, String newLoginSecretB64) {
        send("POST /v1/account/password", () -> json("POST", "v1/account/password", new PasswordChange(currentLoginSecretB64, newLoginSecretB64), true),
                Void.class);
    }

    // issue 11: lifecycle
    /** Deletes the account: every session ends at once, logins are refused, and the server removes its storage in its next lifecycle run. */
    public void deleteAccount() {
        send("DELETE /v1/account", () -> authed(HttpRequest.newBuilder(base.resolve("v1/account")).DELETE()), Void.class);
    }

    /** After how many months unused the account is deleted, and when that would be. */
    public AccountSettings accountSettings() {
        return send("GET /v1/account/settings", () -> authed(HttpRequest.newBuilder(base.resolve("v1/account/settings")).GET()), AccountSettings.class);
    }

    /** Chooses after how many months unused (1, 3, 6 or 12) the account is deleted. */
    public AccountSettings updateAccountSettings(int inactivityMonths) {
        return send("PUT /v1/account/settings", () -> json("PUT", "v1/account/settings", new AccountSettingsUpdate(inactivityMonths), true),
                AccountSettings.class);
    }

    // ---- devices and audit -----------------------------------------------------------------

    public Devices devices() {
        return send("GET /v1/devices", () -> authed(HttpRequest.newBuilder(base.resolve("v1/devices")).GET()), Devices.class);
    }

    public void renameDevice(String deviceId, String name) {
        send("PUT /v1/devices/{deviceId}/name", () -> json("PUT", "v1/devices/" + pathSegment(deviceId) + "/name", new RenameDevice(name), true),
                Void.class);
    }

    public void revokeDevice(String deviceId) {
        send("DELETE /v1/devices/{deviceId}", () -> authed(HttpRequest.newBuilder(base.resolve("v1/devices/" + pathSegment(deviceId))).DELETE()),
                Void.class);
    }

    /** This session's device asks for approval with its X25519 public key (base64). */
    public ApprovalPending requestApproval(String publicKeyB64) {
        return send("POST /v1/devices/current/approval", () -> json("POST", "v1/devices/current/approval", new ApprovalRequest(publicKeyB64), true),
                ApprovalPending.class);
    }

    /** Stores the master key sealed to a waiting device; {@code publicKeyB64} is the key the code was computed from. */
    public void approveDevice(String deviceId, String publicKeyB64, String keySlotB64) {
        send("POST /v1/devices/{deviceId}/approve", () -> json("POST", "v1/devices/" + pathSegment(deviceId) + "/approve",
                new DeviceApproval(publicKeyB64, keySlotB64), true), Void.class);
    }

    /** A page of the audit log, newest first; {@code before} null for the newest page. */
    public AuditPage audit(Long before, int limit) {
        String query = "v1/audit?limit=" + limit + (before == null ? "" : "&before=" + before);
        return send("GET /v1/audit", () -> authed(HttpRequest.newBuilder(base.resolve(query)).GET()), AuditPage.class);
    }

    /** A device id typed by a user, refused unless it is plainly one path segment. */
    private static String pathSegment(String id) {
        if (id == null || !id.matches("[A-Za-z0-9-]{1,64}")) throw new ClientException("'" + id + "' is not a device id");
        return id;
    }

    public void logout() {
        send("DELETE /v1/sessions/current", () -> authed(HttpRequest.newBuilder(base.resolve("v1/sessions/current")).DELETE()), Void.class);
    }

    private synchronized void refresh(IssuedTokens stale) {
        if (tokens != stale) return; // another thread refreshed already
        RefreshGuard guard = refreshGuard;
        IssuedTokens t = guard == null ? trade(stale) : guard.refresh(stale, this::trade);
        signer.learn(t);
        tokens = t;
        // A guard has saved them already, under its lock; saving again outside it could overwrite newer tokens.
        if (guard == null) onTokens.accept(t);
    }

    private IssuedTokens trade(IssuedTokens stale) {
        return send("POST /v1/sessions/refresh", () -> json("POST", "v1/sessions/refresh", new RefreshRequest(stale.refreshToken()), false),
                IssuedTokens.class, false);
    }

    // ---- key slots -------------------------------------------------------------------------

    public List<KeySlot> keySlots() {
        return send("GET /v1/keyslots", () -> authed(HttpRequest.newBuilder(base.resolve("v1/keyslots")).GET()), KeySlots.class).slots();
    }

    public void putKeySlot(String slotId, String kind, String blobB64) {
        send("PUT /v1/keyslots/{slotId}", () -> json("PUT", "v1/keyslots/" + slotId, new PutKeySlot(kind, blobB64), true), Void.class);
    }

    public void deleteKeySlot(String slotId) {
        send("DELETE /v1/keyslots/{slotId}", () -> authed(HttpRequest.newBuilder(base.resolve("v1/keyslots/" + slotId)).DELETE()), Void.class);
    }

    // ---- objects and head ------------------------------------------------------------------

    /**
     * Moves objects into time bucket {@code bucket} (yyyymm), so retention keeps them as long as
     * the newest message that uses them: an old photo sent again today lives as long as today's.
     *
     * @return how many moved (the others were in that bucket already)
     */
    public int relabel(int bucket, List<ObjectId> ids) {
        int moved = 0;
        for (int i = 0; i < ids.size(); i += 10_000) {
            List<String> hex = ids.subList(i, Math.min(ids.size(), i + 10_000)).stream().map(ObjectId::hex).toList();
            moved += send("POST /v1/objects/relabel", () -> json("POST", "v1/objects/relabel", new RelabelRequest(bucket, hex), true),
                    RelabelResult.class).relabelled();
        }
        return moved;
    }

    public Set<ObjectId> missing(List<ObjectId> ids) {
        Set<ObjectId> out = new HashSet<>();
        for (int i = 0; i < ids.size(); i += 10_000) {
            List<String> hex = ids.subList(i, Math.min(ids.size(), i + 10_000)).stream().map(ObjectId::hex).toList();
            for (String m : send("POST /v1/objects/missing", () -> json("POST", "v1/objects/missing", new ObjectIds(hex), true), MissingObjects.class).missing())
                out.add(ObjectId.parse(m));
        }
        return out;
    }

    /** Uploads objects as one batch, streaming their bodies without first joining them into one array or copying them. */
    public UploadResult upload(List<SealedObject> objects) {
        List<byte[]> parts = BatchFormat.parts(objects);
        ByteArraysPublisher body = new ByteArraysPublisher(parts);
        long contentLength = body.length();
        byte[] bodyHash = !signer.active() ? null : RequestSigner.bodyHash(parts);
        return send("POST /v1/objects", () -> authed(HttpRequest.newBuilder(base.resolve("v1/objects"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(body, contentLength)), bodyHash),
                UploadResult.class);
    }

    /**
     * Fetches objects as one stream per 10,000 ids, handing each frame to {@code sink} as it
     * arrives; an id listed twice is fetched once. If the connection drops, only the ids not yet
     * delivered are asked for again. An answer the server cut at its size limit (it says so in
     * {@value #FETCH_OMITTED}) is no failure: the rest is simply asked for next.
     */
    public void fetch(List<ObjectId> ids, BatchFormat.FrameSink sink) {
        List<ObjectId> remaining = new ArrayList<>(new LinkedHashSet<>(ids));
        int failures = 0;
        while (!remaining.isEmpty()) {
            List<ObjectId> chunk = remaining.subList(0, Math.min(10_000, remaining.size()));
            Set<ObjectId> got = new HashSet<>();
            List<String> hex = chunk.stream().map(ObjectId::hex).toList();
            try {
                int omitted = send("POST /v1/objects/fetch", () -> json("POST", "v1/objects/fetch", new ObjectIds(hex), true), true, (headers, in) -> {
                    try (in) {
                        BatchFormat.read(in, f -> {
                            if (got.add(f.id())) sink.accept(f);
                        });
                    }
                    return omitted(headers);
                });
                // A partial answer holds at least one object, so asking again always makes progress.
                if (got.isEmpty() || got.size() + omitted < chunk.size())
                    throw new IOException("the server sent " + got.size() + " of " + chunk.size() + " objects");
                failures = 0;
            } catch (BatchFormat.MalformedBatchException e) {
                throw new ClientException(e.getMessage()); // not a batch: asking again cannot help
            } catch (IOException e) {
                if (++failures > retry.attempts()) throw new TransportException("fetching objects failed: " + e.getMessage(), e);
                retry.sleep(failures);
            }
            List<ObjectId> rest = new ArrayList<>(remaining.size());
            for (ObjectId id : remaining) if (!got.contains(id)) rest.add(id);
            remaining = rest;
        }
    }

    /** The header of a fetch answer cut at the server's size limit: how many requested objects it left out. */
    public static final String FETCH_OMITTED = "Chatvault-Fetch-Omitted";

    private static int omitted(HttpHeaders headers) {
        String v = headers.firstValue(FETCH_OMITTED).orElse(null);
        if (v == null) return 0;
        try {
            return Math.max(0, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            return 0; // unreadable: treated as a complete answer, so missing objects count as a failure
        }
    }

    public VaultHead head() {
        return send("GET /v1/vault/head", () -> authed(HttpRequest.newBuilder(base.resolve("v1/vault/head")).GET()), VaultHead.class);
    }

    /**
     * Streams the whole vault ({@code GET /v1/vault/archive}, docs/API.md "Archive") to
     * {@code reader}: the head and the object count in the answer's headers, the objects as one
     * batch of exactly its {@code Content-Length}. Not resumed: a stream cut short fails with a
     * {@link TransportException} and the caller starts again.
     */
    public <T> T archive(BodyReader<T> reader) {
        try {
            return send("GET /v1/vault/archive", () -> authed(HttpRequest.newBuilder(base.resolve("v1/vault/archive")).GET()), true, reader);
        } catch (IOException e) {
            throw new TransportException("downloading the archive failed: " + describe(e), e);
        }
    }

    public CommitResult commit(Commit commit) {
        return send("POST /v1/vault/commit", () -> json("POST", "v1/vault/commit", commit, true), CommitResult.class);
    }

    public VaultUsage usage() {
        return send("GET /v1/usage", () -> authed(HttpRequest.newBuilder(base.resolve("v1/usage")).GET()), VaultUsage.class);
    }

    // ---- plans and subscription (issue 11: billing-core) -------------------------------------

    public PlanCatalog plans() {
        return send("GET /v1/plans", () -> HttpRequest.newBuilder(base.resolve("v1/plans")).GET(), PlanCatalog.class);
    }

    public SubscriptionOverview subscription() {
        return send("GET /v1/subscription", () -> authed(HttpRequest.newBuilder(base.resolve("v1/subscription")).GET()), SubscriptionOverview.class);
    }

    /** Redeems a receipt (compact JWS) signed by the operator's billing system. */
    public SubscriptionOverview redeemDirectReceipt(String receipt) {
        return send("POST /v1/subscription/direct", () -> json("POST", "v1/subscription/direct", new DirectReceipt(receipt), true),
                SubscriptionOverview.class);
    }

    // ---- plumbing --------------------------------------------------------------------------

    private HttpRequest.Builder json(String method, String path, Object body, boolean auth) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        return auth ? authed(b, !signer.active() ? null : RequestSignature.bodyHash(bytes)) : b;
    }

    /** Adds the bearer token, and the signature of a request without a body. */
    private HttpRequest.Builder authed(HttpRequest.Builder b) {
        return authed(b, !signer.active() ? null : EMPTY_BODY_SHA256);
    }

    /** Adds the bearer token and, once a signing key is set, the signature over the request with this body hash. */
    private HttpRequest.Builder authed(HttpRequest.Builder b, byte[] bodySha256) {
        IssuedTokens t = tokens;
        if (t == null) throw new org.chatvault.client.ClientException("not logged in");
        return signer.sign(b.header("Authorization", "Bearer " + t.accessToken()), t, bodySha256);
    }


    private <T> T send(String endpoint, Supplier<HttpRequest.Builder> request, Class<T> type) {
        return send(endpoint, request, type, true);
    }

    private <T> T send(String endpoint, Supplier<HttpRequest.Builder> request, Class<T> type, boolean mayRefresh) {
        try {
            return send(endpoint, request, mayRefresh, (headers, in) -> {
                try (in) {
                    if (type == Void.class) return null;
                    return JSON.readValue(in, type);
                }
            });
        } catch (IOException e) {
            throw new TransportException("reading the server's answer failed: " + e.getMessage(), e);
        }
    }

    /** Reads a successful answer: its headers and its body, which it closes. */
    public interface BodyReader<T> { T read(HttpHeaders headers, InputStream in) throws IOException; }

    /** Sends with retries; hands a 2xx body to {@code reader}, turns anything else into an {@link ServerRefusedException}. */
    private <T> T send(String endpoint, Supplier<HttpRequest.Builder> request, boolean mayRefresh, BodyReader<T> reader) throws IOException {
        boolean refreshed = !mayRefresh;
        boolean resynced = false;
        for (int attempt = 1; ; attempt++) {
            IssuedTokens before = tokens;
            HttpRequest built = request.get().timeout(Duration.ofMinutes(5)).build();
            Observer obs = observer;
            long startedAt = obs == null ? 0 : System.nanoTime();
            HttpResponse<InputStream> resp;
            try {
                resp = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (obs != null) obs.exchange(endpoint, -1, System.nanoTime() - startedAt);
                if (attempt >= retry.attempts()) throw new TransportException("cannot reach " + base + ": " + describe(e), e);
                retry.sleep(attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException("interrupted", e);
            }
            int status = resp.statusCode();
            if (status / 100 == 2) {
                if (obs == null) return reader.read(resp.headers(), resp.body());
                boolean complete = false;
                try {
                    T result = reader.read(resp.headers(), resp.body());
                    complete = true;
                    return result;
                } finally {
                    // A stream cut mid-body is a transport failure even though the status was 200.
                    obs.exchange(endpoint, complete ? status : -1, System.nanoTime() - startedAt);
                }
            }
            ErrorBody err = readError(resp);
            if (obs != null) obs.exchange(endpoint, status, System.nanoTime() - startedAt);
            if (status == 401 && "token_expired".equals(err.error()) && !refreshed && before != null) {
                refreshed = true;
                refresh(before);
                continue;
            }
            if (status == 403 && "signature_stale".equals(err.error()) && !resynced && signer.learn(resp)) {
                resynced = true; // this machine's clock is off: sign again with the server's
                continue;
            }
            if ((status == 502 || status == 503) && attempt < retry.attempts()) {
                retry.sleep(attempt);
                continue;
            }
            throw new ServerRefusedException(status, err.error(), err.message(), err.ids());
        }
    }

    private static ErrorBody readError(HttpResponse<InputStream> resp) {
        try (InputStream in = resp.body()) {
            byte[] b = in.readNBytes(256 * 1024);
            ErrorBody e = JSON.readValue(b, ErrorBody.class);
            return e.error() == null ? new ErrorBody("http_" + resp.statusCode(), "unexpected answer") : e;
        } catch (IOException e) {
            return new ErrorBody("http_" + resp.statusCode(), "the server answered " + resp.statusCode() + " without an error body");
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

}
