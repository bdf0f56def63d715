package org.chatvault.server.http;

import io.javalin.http.HandlerType;
import org.chatvault.protocol.account.AccountCreated;
import org.chatvault.protocol.account.AccountSettings;
import org.chatvault.protocol.account.AccountSettingsUpdate;
import org.chatvault.protocol.account.Credentials;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.account.PasswordChange;
import org.chatvault.protocol.audit.AuditPage;
import org.chatvault.protocol.billing.DirectReceipt;
import org.chatvault.protocol.billing.PlanCatalog;
import org.chatvault.protocol.billing.SubscriptionOverview;
import org.chatvault.protocol.billing.AppleNotificationTaken;
import org.chatvault.protocol.billing.AppleRedeemed;
import org.chatvault.protocol.billing.AppleRedemption;
import org.chatvault.protocol.billing.AppleServerNotification;
import org.chatvault.protocol.billing.google.GooglePurchase;
import org.chatvault.protocol.billing.google.GoogleRedemption;
import org.chatvault.protocol.billing.google.PubSubPush;
import org.chatvault.protocol.device.ApprovalPending;
import org.chatvault.protocol.device.ApprovalRequest;
import org.chatvault.protocol.device.DeviceApproval;
import org.chatvault.protocol.device.Devices;
import org.chatvault.protocol.device.RenameDevice;
import org.chatvault.protocol.account.RefreshRequest;
import org.chatvault.protocol.account.Registration;
import org.chatvault.protocol.keyslot.KeySlots;
import org.chatvault.protocol.keyslot.PutKeySlot;
import org.chatvault.protocol.object.MissingObjects;
import org.chatvault.protocol.object.ObjectIds;
import org.chatvault.protocol.object.RelabelRequest;
import org.chatvault.protocol.object.RelabelResult;
import org.chatvault.protocol.object.UploadResult;
import org.chatvault.protocol.ops.Health;
import org.chatvault.protocol.vault.Commit;
import org.chatvault.protocol.vault.CommitResult;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.protocol.vault.VaultUsage;

/**
 * The route table: every endpoint the server answers, with its access and the shape of its
 * request and success answer. {@link ApiRoutes} registers exactly these; the OpenAPI document
 * ({@code /v1/openapi.json}) describes exactly these, which a test checks both ways.
 */
public enum ApiEndpoint {
    HEALTH("GET", "/healthz", Access.PUBLIC, Body.NONE, 200, Body.json(Health.class)),
    READY("GET", "/readyz", Access.PUBLIC, Body.NONE, 200, Body.json(Health.class)),
    METRICS("GET", "/metrics", Access.PUBLIC, Body.NONE, 200, Body.PROMETHEUS),
    OPENAPI("GET", "/v1/openapi.json", Access.PUBLIC, Body.NONE, 200, Body.OPENAPI_DOCUMENT),

    REGISTER("POST", "/v1/accounts", Access.PUBLIC, Body.json(Registration.class), 201, Body.json(AccountCreated.class)),
    LOGIN("POST", "/v1/sessions", Access.PUBLIC, Body.json(Credentials.class), 200, Body.json(IssuedTokens.class)),
    REFRESH("POST", "/v1/sessions/refresh", Access.PUBLIC, Body.json(RefreshRequest.class), 200, Body.json(IssuedTokens.class)),
    LOGOUT("DELETE", "/v1/sessions/current", Access.SESSION, Body.NONE, 204, Body.NONE),
    REVOKE_OTHER_SESSIONS("POST", "/v1/sessions/revoke-all", Access.VAULT, Body.NONE, 204, Body.NONE),
    CHANGE_PASSWORD("POST", "/v1/account/password", Access.VAULT, Body.json(PasswordChange.class), 204, Body.NONE),

    LIST_DEVICES("GET", "/v1/devices", Access.SESSION, Body.NONE, 200, Body.json(Devices.class)),
    RENAME_DEVICE("PUT", "/v1/devices/{deviceId}/name", Access.VAULT, Body.json(RenameDevice.class), 204, Body.NONE),
    REVOKE_DEVICE("DELETE", "/v1/devices/{deviceId}", Access.VAULT, Body.NONE, 204, Body.NONE),
    REQUEST_APPROVAL("POST", "/v1/devices/current/approval", Access.SESSION, Body.json(ApprovalRequest.class), 200,
            Body.json(ApprovalPending.class)),
    APPROVE_DEVICE("POST", "/v1/devices/{deviceId}/approve", Access.VAULT, Body.json(DeviceApproval.class), 204, Body.NONE),
    AUDIT("GET", "/v1/audit", Access.VAULT, Body.NONE, 200, Body.json(AuditPage.class)),

    LIST_KEY_SLOTS("GET", "/v1/keyslots", Access.SESSION, Body.NONE, 200, Body.json(KeySlots.class)),
    PUT_KEY_SLOT("PUT", "/v1/keyslots/{slotId}", Access.VAULT, Body.json(PutKeySlot.class), 204, Body.NONE),
    DELETE_KEY_SLOT("DELETE", "/v1/keyslots/{slotId}", Access.VAULT, Body.NONE, 204, Body.NONE),

    MISSING("POST", "/v1/objects/missing", Access.VAULT, Body.json(ObjectIds.class), 200, Body.json(MissingObjects.class)),
    UPLOAD("POST", "/v1/objects", Access.VAULT, Body.OBJECT_BATCH, 200, Body.json(UploadResult.class)),
    FETCH("POST", "/v1/objects/fetch", Access.VAULT, Body.json(ObjectIds.class), 200, Body.OBJECT_BATCH),
    RELABEL("POST", "/v1/objects/relabel", Access.VAULT, Body.json(RelabelRequest.class), 200, Body.json(RelabelResult.class)),

    HEAD("GET", "/v1/vault/head", Access.VAULT, Body.NONE, 200, Body.json(VaultHead.class)),
    ARCHIVE("GET", "/v1/vault/archive", Access.VAULT, Body.NONE, 200, Body.OBJECT_BATCH),
    COMMIT("POST", "/v1/vault/commit", Access.VAULT, Body.json(Commit.class), 200, Body.json(CommitResult.class)),
    USAGE("GET", "/v1/usage", Access.SESSION, Body.NONE, 200, Body.json(VaultUsage.class)),

    // issue 11: billing-core
    PLANS("GET", "/v1/plans", Access.PUBLIC, Body.NONE, 200, Body.json(PlanCatalog.class)),
    SUBSCRIPTION("GET", "/v1/subscription", Access.SESSION, Body.NONE, 200, Body.json(SubscriptionOverview.class)),
    REDEEM_DIRECT("POST", "/v1/subscription/direct", Access.VAULT, Body.json(DirectReceipt.class), 200, Body.json(SubscriptionOverview.class)),
    // issue 11: apple
    REDEEM_APPLE("POST", "/v1/subscription/apple", Access.VAULT, Body.json(AppleRedemption.class), 200, Body.json(AppleRedeemed.class)),
    APPLE_NOTIFICATION("POST", "/v1/billing/apple/notifications", Access.PUBLIC, Body.json(AppleServerNotification.class), 200,
            Body.json(AppleNotificationTaken.class)),
    // issue 11: google
    REDEEM_GOOGLE("POST", "/v1/subscription/google", Access.VAULT, Body.json(GooglePurchase.class), 200, Body.json(GoogleRedemption.class)),
    /** Public: Pub/Sub's own OIDC token is checked instead of a session. */
    GOOGLE_NOTIFICATION("POST", "/v1/billing/google/notifications", Access.PUBLIC, Body.json(PubSubPush.class), 200, Body.NONE),
    // issue 11: lifecycle
    DELETE_ACCOUNT("DELETE", "/v1/account", Access.VAULT, Body.NONE, 204, Body.NONE),
    ACCOUNT_SETTINGS("GET", "/v1/account/settings", Access.SESSION, Body.NONE, 200, Body.json(AccountSettings.class)),
    UPDATE_ACCOUNT_SETTINGS("PUT", "/v1/account/settings", Access.VAULT, Body.json(AccountSettingsUpdate.class), 200,
            Body.json(AccountSettings.class));

    /**
     * What a request or answer carries: nothing ({@code mediaType} null), a JSON record of the
     * protocol, or a body of its own format ({@code schema} null).
     */
    public record Body(String mediaType, Class<? extends Record> schema) {
        public static final Body NONE = new Body(null, null);
        public static final Body OBJECT_BATCH = new Body("application/octet-stream", null);
        public static final Body PROMETHEUS = new Body("text/plain", null);
        public static final Body OPENAPI_DOCUMENT = new Body("application/json", null);

        static Body json(Class<? extends Record> schema) { return new Body("application/json", schema); }
    }

    private final String method;
    private final String path;
    private final Access access;
    private final Body request;
    private final int successStatus;
    private final Body response;

    ApiEndpoint(String method, String path, Access access, Body request, int successStatus, Body response) {
        this.method = method;
        this.path = path;
        this.access = access;
        this.request = request;
        this.successStatus = successStatus;
        this.response = response;
    }

    public String method() { return method; }

    HandlerType handlerType() { return HandlerType.findOrCreate(method); }

    /** The path template, {@code {name}} for a path parameter (as in OpenAPI). */
    public String path() { return path; }

    /** Who may call it: anyone, any session, or only a session that proves it holds the vault's keys. */
    public Access access() { return access; }

    /** Reachable without a bearer token. */
    public boolean isPublic() { return access == Access.PUBLIC; }

    public Body request() { return request; }

    public int successStatus() { return successStatus; }

    public Body response() { return response; }
}
