package org.chatvault.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import org.chatvault.protocol.OpenApi;
import org.chatvault.protocol.WireJson;
import org.chatvault.server.abuse.RateLimit;
import org.chatvault.server.abuse.RateLimits;
import org.chatvault.server.account.AccountLifecycleService;
import org.chatvault.server.account.AccountService;
import org.chatvault.server.account.KeySlotService;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.billing.PurchaseVerifier;
import org.chatvault.server.billing.SubscriptionService;
import org.chatvault.server.billing.apple.AppleBilling;
import org.chatvault.server.billing.google.GooglePlayBilling;
import org.chatvault.server.device.DeviceService;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.signing.RequestSigning;
import org.chatvault.server.storage.Readiness;
import org.chatvault.server.vault.HeadService;
import org.chatvault.server.vault.ObjectService;
import org.chatvault.server.vault.RelabelService;
import org.chatvault.server.vault.UsageService;

/**
 * The HTTP API of docs/API.md on Javalin: the single routing function that both the server's
 * {@code main} and the tests go through. The routes are those of {@link ApiEndpoint}.
 */
public final class ApiRoutes {
    /** What the routes call into. */
    public record Services(AccountService accounts, KeySlotService keySlots, ObjectService objects, RelabelService relabels,
                           HeadService heads, ServerMetrics metrics, Readiness readiness, long maxBatchBytes,
                           DeviceService devices, AuditLog audit, RequestSigning signing, RateLimits rateLimits,
                           SubscriptionService subscriptions, EntitlementService entitlements,
                           PurchaseVerifier directReceipts,
                           AppleBilling apple,
                           // issue 11: google (null when Google Play is not configured)
                           GooglePlayBilling googlePlay,
                           UsageService usage,
                           AccountLifecycleService accountLifecycle) {}

    private ApiRoutes() {}

    public static void configure(JavalinConfig config, Services s) {
        ObjectMapper mapper = WireJson.mapper();
        config.jsonMapper(new JavalinJackson(mapper, false));
        config.concurrency.useVirtualThreads = true;
        // Object bodies are ciphertext and do not compress; JSON answers are small.
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.startup.showJavalinBanner = false;
        // Refusals Jetty makes before Javalin sees the request, in the API's error shape.
        config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors(mapper)));
        config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyErrors(mapper)));
        config.jetty.modifyServer(ConnectorBuffers::widenOnStart);

        RequestBodies bodies = new RequestBodies(mapper);
        ClientAddresses addresses = new ClientAddresses(s.rateLimits().limits().trustedProxies());
        AccountHandlers accounts = new AccountHandlers(s.accounts(), bodies, addresses);
        KeySlotHandlers slots = new KeySlotHandlers(s.keySlots(), bodies);
        DeviceHandlers devices = new DeviceHandlers(s.devices(), bodies);
        AuditHandlers audit = new AuditHandlers(s.audit());
        BillingHandlers billing = new BillingHandlers(s.subscriptions(), s.entitlements(), s.directReceipts(), bodies);
        AccountLifecycleHandlers lifecycle = new AccountLifecycleHandlers(s.accountLifecycle(), bodies);
        
        ObjectHandlers objects = new ObjectHandlers(s.objects(), s.relabels(), bodies, s.maxBatchBytes(),
                s.rateLimits().limits().maxFetchAnswerBytes());
        VaultHandlers vault = new VaultHandlers(s.heads(), s.usage(), bodies);
        HeadHandler head = new HeadHandler(s.heads(), s.entitlements());
        ArchiveHandlers archive = new ArchiveHandlers(s.objects());
        OpsHandlers ops = new OpsHandlers(s.metrics(), s.readiness());
        AppleHandlers apple = new AppleHandlers(s.apple(), bodies);
        GooglePlayHandlers googlePlay = new GooglePlayHandlers(s.googlePlay(), bodies);
        byte[] openApi = OpenApi.document();

        var r = config.routes;
        r.beforeMatched(new AuthFilter(s.accounts(), s.accountLifecycle()));
        r.beforeMatched(new SignatureFilter(s.signing())); // after AuthFilter: it needs the principal
        for (ApiEndpoint e : ApiEndpoint.values()) {
            // Exhaustive: an endpoint added to the table without a handler does not compile.
            Handler h = switch (e) {
                case HEALTH -> ops::health;
                case READY -> ops::ready;
                case METRICS -> ops::metrics;
                case OPENAPI -> ctx -> ctx.contentType("application/json").result(openApi);
                case REGISTER -> accounts::register;
                case LOGIN -> accounts::login;
                case REFRESH -> accounts::refresh;
                case LOGOUT -> accounts::logout;
                case REVOKE_OTHER_SESSIONS -> accounts::revokeOtherSessions;
                case CHANGE_PASSWORD -> accounts::changePassword;
                case LIST_DEVICES -> devices::list;
                case RENAME_DEVICE -> devices::rename;
                case REVOKE_DEVICE -> devices::revoke;
                case REQUEST_APPROVAL -> limited(RateLimit.APPROVAL, s.rateLimits(), addresses, devices::requestApproval);
                case APPROVE_DEVICE -> limited(RateLimit.APPROVAL, s.rateLimits(), addresses, devices::approve);
                case AUDIT -> audit::page;
                case LIST_KEY_SLOTS -> limited(RateLimit.KEY_SLOT_READ, s.rateLimits(), addresses, slots::list);
                case PUT_KEY_SLOT -> slots::put;
                case DELETE_KEY_SLOT -> slots::delete;
                case MISSING -> objects::missing;
                case UPLOAD -> objects::upload;
                case FETCH -> objects::fetch;
                case RELABEL -> objects::relabel;
                case HEAD -> head::head;
                case ARCHIVE -> archive::download;
                case COMMIT -> vault::commit;
                case USAGE -> vault::usage;
                // issue 11: billing-core
                case PLANS -> billing::plans;
                case SUBSCRIPTION -> billing::subscription;
                case REDEEM_DIRECT -> billing::redeemDirect;
                // issue 11: apple
                case REDEEM_APPLE -> apple::redeem;
                case APPLE_NOTIFICATION -> apple::notification;
                // issue 11: google
                case REDEEM_GOOGLE -> googlePlay::redeem;
                case GOOGLE_NOTIFICATION -> googlePlay::notification;
                // issue 11: lifecycle
                case DELETE_ACCOUNT -> lifecycle::delete;
                case ACCOUNT_SETTINGS -> lifecycle::settings;
                case UPDATE_ACCOUNT_SETTINGS -> lifecycle::updateSettings;
            };
            r.addHttpHandler(e.handlerType(), e.path(), h, e.access(), new MatchedEndpoint(e));
        }

        // After every request, answered or refused: what its handler left of the body is read and
        // dropped before the answer goes out, so the client still sending it gets the answer.
        r.after(RequestBodies::discardUnread);
        ErrorMapping.install(r);
        config.requestLogger.http(new RequestObserver(s.metrics()));
    }

    /**
     * {@code handler} behind the rate limit {@code limit}, per client address and per account;
     * for routes that need a token (the principal is resolved before this runs).
     */
    static Handler limited(RateLimit limit, RateLimits limits, ClientAddresses addresses, Handler handler) {
        return ctx -> {
            limits.check(limit, addresses.of(ctx), AuthFilter.principal(ctx).accountId());
            handler.handle(ctx);
        };
    }
}
