package org.chatvault.server.http;

import io.javalin.http.Context;
import org.chatvault.protocol.account.AccountSettings;
import org.chatvault.protocol.account.AccountSettingsUpdate;
import org.chatvault.server.account.AccountLifecycleService;
import org.chatvault.server.account.AccountStanding;

/** {@code DELETE /v1/account} and {@code /v1/account/settings}. */
record AccountLifecycleHandlers(AccountLifecycleService lifecycle, RequestBodies bodies) {
    void delete(Context ctx) {
        lifecycle.delete(AuthFilter.principal(ctx));
        ctx.status(204);
    }

    void settings(Context ctx) {
        ctx.json(answer(lifecycle.settings(AuthFilter.principal(ctx))));
    }

    void updateSettings(Context ctx) {
        AccountSettingsUpdate u = bodies.json(ctx, AccountSettingsUpdate.class, RequestBodies.JSON_LIMIT);
        ctx.json(answer(lifecycle.updateSettings(AuthFilter.principal(ctx), u.inactivityMonths())));
    }

    private static AccountSettings answer(AccountStanding s) {
        return new AccountSettings(s.inactivityMonths(), AccountStanding.INACTIVITY_CHOICES, s.lastActiveAt().toEpochMilli(),
                s.deleteIfUnusedAt().toEpochMilli());
    }
}
