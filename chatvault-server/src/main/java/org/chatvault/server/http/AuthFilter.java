package org.chatvault.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.chatvault.server.account.AccountException;
import org.chatvault.server.account.AccountLifecycleService;
import org.chatvault.server.account.AccountService;
import org.chatvault.server.account.Principal;

/** Runs before every matched route: resolves the bearer token unless the route is {@link Access#PUBLIC}. */
final class AuthFilter implements Handler {
    private static final String PRINCIPAL = "chatvault.principal";

    private final AccountService accounts;
    private final AccountLifecycleService lifecycle;

    /** @param lifecycle records the activity the inactivity rule reads (at most hourly per account) */
    AuthFilter(AccountService accounts, AccountLifecycleService lifecycle) {
        this.accounts = accounts;
        this.lifecycle = lifecycle;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.routeRoles().contains(Access.PUBLIC)) return;
        Principal principal = accounts.authenticate(ctx.header("Authorization"));
        ctx.attribute(PRINCIPAL, principal);
        lifecycle.recordActivity(principal.accountId());
    }

    /** The principal the filter resolved; only call from non-public routes. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw new AccountException.Unauthorized();
        return p;
    }
}
