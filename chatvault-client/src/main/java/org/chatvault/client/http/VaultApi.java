package org.chatvault.client.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chatvault.client.ClientException;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;
import org.chatvault.protocol.WireJson;
import org.chatvault.protocol.account.Credentials;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.account.RefreshRequest;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.protocol.error.ErrorBody;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.protocol.keyslot.KeySlots;
import org.chatvault.protocol.keyslot.PutKeySlot;
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
 */
public final class VaultApi {
    private static final ObjectMapper JSON = WireJson.mapper();
    private final URI base;
    private final HttpClient http;
    private final RetryPolicy retry;
    private volatile IssuedTokens tokens;
    private volatile Consumer<IssuedTokens> onTokens = t -> {};
    private volatile Observer observer;

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
                .sslContext(ServerTrust.context()).build();
    }

    public URI base() { return base; }

    /** Uses these tokens from now on and tells {@code listener} whenever they are refreshed. */
    public void useTokens(IssuedTokens t, Consumer<IssuedTokens> listener) {
        this.tokens = t;
        this.onTokens = listener == null ? x -> {} : listener;
    }

    public IssuedTokens tokens() { return tokens; }

    /** Reports every exchange from now on to {@code observer}; null stops reporting. */
    public void observe(Observer observer) { this.observer = observer; }

    // ---- accounts --------------------------------------------------------------------------

    public void register(String username, String loginSecretB64) {
        send("POST /v1/accounts", () -> json("POST", "v1/accounts", new Credentials(username, loginSecretB64), false), Void.class);
    }

    public IssuedTokens login(String username, String loginSecretB64) {
        IssuedTokens t = send("POST /v1/sessions", () -> json("POST", "v1/sessions", new Credentials(username, loginSecretB64), false), IssuedTokens.class);
        tokens = t;
        return t;
    }

    public void logout() {
        send("DELETE /v1/sessions/current", () -> authed(HttpRequest.newBuilder(base.resolve("v1/sessions/current")).DELETE()), Void.class);
    }

    private synchronized void refresh(IssuedTokens stale) {
        if (tokens != stale) return; // another thread refreshed already
        IssuedTokens t = send("POST /v1/sessions/refresh", () -> json("POST", "v1/sessions/refresh", new RefreshRequest(stale.refreshToken()), false), IssuedTokens.class, false);
        tokens = t;
        onTokens.accept(t);
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

    /** Uploads objects as one batch, streaming their bodies without first joining them into one array. */
    public UploadResult upload(List<SealedObject> objects) {
        List<byte[]> parts = BatchFormat.parts(objects);
        long length = 0;
        for (byte[] p : parts) length += p.length;
        long contentLength = length;
        return send("POST /v1/objects", () -> authed(HttpRequest.newBuilder(base.resolve("v1/objects"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArrays(parts), contentLength))),
                UploadResult.class);
    }

    /**
     * Fetches objects as one stream per 10,000 ids, handing each frame to {@code sink} as it
     * arrives. If the connection drops, only the ids not yet delivered are asked for again.
     */
    public void fetch(List<ObjectId> ids, BatchFormat.FrameSink sink) {
        List<ObjectId> remaining = new ArrayList<>(ids);
        int failures = 0;
        while (!remaining.isEmpty()) {
            List<ObjectId> chunk = remaining.subList(0, Math.min(10_000, remaining.size()));
            Set<ObjectId> got = new HashSet<>();
            List<String> hex = chunk.stream().map(ObjectId::hex).toList();
            try {
                send("POST /v1/objects/fetch", () -> json("POST", "v1/objects/fetch", new ObjectIds(hex), true), true, in -> {
                    try (in) {
                        BatchFormat.read(in, f -> {
                            if (got.add(f.id())) sink.accept(f);
                        });
                    }
                    return null;
                });
                if (got.size() < chunk.size()) throw new IOException("the server sent " + got.size() + " of " + chunk.size() + " objects");
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

    public VaultHead head() {
        return send("GET /v1/vault/head", () -> authed(HttpRequest.newBuilder(base.resolve("v1/vault/head")).GET()), VaultHead.class);
    }

    public CommitResult commit(Commit commit) {
        return send("POST /v1/vault/commit", () -> json("POST", "v1/vault/commit", commit, true), CommitResult.class);
    }

    public VaultUsage usage() {
        return send("GET /v1/usage", () -> authed(HttpRequest.newBuilder(base.resolve("v1/usage")).GET()), VaultUsage.class);
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
        return auth ? authed(b) : b;
    }

    private HttpRequest.Builder authed(HttpRequest.Builder b) {
        IssuedTokens t = tokens;
        if (t == null) throw new org.chatvault.client.ClientException("not logged in");
        return b.header("Authorization", "Bearer " + t.accessToken());
    }

    private <T> T send(String endpoint, Supplier<HttpRequest.Builder> request, Class<T> type) {
        return send(endpoint, request, type, true);
    }

    private <T> T send(String endpoint, Supplier<HttpRequest.Builder> request, Class<T> type, boolean mayRefresh) {
        try {
            return send(endpoint, request, mayRefresh, in -> {
                try (in) {
                    if (type == Void.class) return null;
                    return JSON.readValue(in, type);
                }
            });
        } catch (IOException e) {
            throw new TransportException("reading the server's answer failed: " + e.getMessage(), e);
        }
    }

    interface BodyReader<T> { T read(InputStream in) throws IOException; }

    /** Sends with retries; hands a 2xx body to {@code reader}, turns anything else into an {@link ServerRefusedException}. */
    private <T> T send(String endpoint, Supplier<HttpRequest.Builder> request, boolean mayRefresh, BodyReader<T> reader) throws IOException {
        boolean refreshed = !mayRefresh;
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
                if (obs == null) return reader.read(resp.body());
                boolean complete = false;
                try {
                    T result = reader.read(resp.body());
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
