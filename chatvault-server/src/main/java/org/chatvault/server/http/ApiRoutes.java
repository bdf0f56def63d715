package org.chatvault.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import org.chatvault.server.account.AccountService;
import org.chatvault.server.account.KeySlotService;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.store.Readiness;
import org.chatvault.server.vault.HeadService;
import org.chatvault.server.vault.ObjectService;
import org.chatvault.server.vault.RelabelService;

/**
 * The HTTP API of docs/API.md on Javalin: the single routing function that both the server's
 * {@code main} and the tests go through.
 */
public final class ApiRoutes {
    /** What the routes call into. */
    public record Services(AccountService accounts, KeySlotService keySlots, ObjectService objects, RelabelService relabels,
                           HeadService heads, ServerMetrics metrics, Readiness readiness, long maxBatchBytes) {}

    private ApiRoutes() {}

    public static void configure(JavalinConfig config, Services s) {
        ObjectMapper mapper = new ObjectMapper()
                // Newer clients may send fields this server does not know yet.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.concurrency.useVirtualThreads = true;
        // Object bodies are ciphertext and do not compress; JSON answers are small.
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.startup.showJavalinBanner = false;

        RequestBodies bodies = new RequestBodies(mapper);
        AccountHandlers accounts = new AccountHandlers(s.accounts(), bodies);
        KeySlotHandlers slots = new KeySlotHandlers(s.keySlots(), bodies);
        ObjectHandlers objects = new ObjectHandlers(s.objects(), s.relabels(), bodies, s.maxBatchBytes());
        VaultHandlers vault = new VaultHandlers(s.heads(), bodies);
        OpsHandlers ops = new OpsHandlers(s.metrics(), s.readiness());

        var r = config.routes;
        r.beforeMatched(new AuthFilter(s.accounts()));

        r.get("/healthz", ops::health, Access.PUBLIC);
        r.get("/readyz", ops::ready, Access.PUBLIC);
        r.get("/metrics", ops::metrics, Access.PUBLIC);

        r.post("/v1/accounts", accounts::register, Access.PUBLIC);
        r.post("/v1/sessions", accounts::login, Access.PUBLIC);
        r.post("/v1/sessions/refresh", accounts::refresh, Access.PUBLIC);
        r.delete("/v1/sessions/current", accounts::logout);

        r.get("/v1/keyslots", slots::list);
        r.put("/v1/keyslots/{slotId}", slots::put);
        r.delete("/v1/keyslots/{slotId}", slots::delete);

        r.post("/v1/objects/missing", objects::missing);
        r.post("/v1/objects", objects::upload);
        r.post("/v1/objects/fetch", objects::fetch);
        r.post("/v1/objects/relabel", objects::relabel);

        r.get("/v1/vault/head", vault::head);
        r.post("/v1/vault/commit", vault::commit);
        r.get("/v1/usage", vault::usage);

        ErrorMapping.install(r);
        config.requestLogger.http(new RequestObserver(s.metrics()));
    }
}
