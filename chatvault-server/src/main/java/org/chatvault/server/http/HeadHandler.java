package org.chatvault.server.http;

import io.javalin.http.Context;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.server.account.Principal;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.vault.Head;
import org.chatvault.server.vault.HeadService;

/**
 * {@code GET /v1/vault/head}: the head, and the first month the account's plan keeps now, so that
 * devices neither upload history that has expired under the plan nor take its absence for damage.
 * The month comes from the same retention schedule the lifecycle job deletes by.
 */
record HeadHandler(HeadService heads, EntitlementService entitlements) {
    void head(Context ctx) {
        Principal p = AuthFilter.principal(ctx);
        Head h = heads.head(p);
        int keptFrom = entitlements.retention(p.accountId()).keptFrom(entitlements.clock().instant());
        ctx.json(new VaultHead(h.version(), h.root() == null ? null : h.root().hex(),
                h.committedAt() == null ? null : h.committedAt().toEpochMilli(), keptFrom));
    }
}
