package org.chatvault.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.chatvault.server.account.AccountException;
import org.chatvault.server.account.AccountService;
import org.chatvault.server.account.Principal;

/** Runs before every matched route: resolves the bearer token unless the route is {@link Access#PUBLIC}. */
final class AuthFilter implements Handler {
    private static final String PRINCIPAL = "chatvault.principal";

    private final AccountService accounts;

    AuthFilter(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void handle(Context ctx) {
        if (ctx.routeRoles().contains(Access.PUBLIC)) return;
        ctx.attribute(PRINCIPAL, accounts.authenticate(ctx.header("Authorization")));
    }

    /** The principal the filter resolved; only call from non-public routes. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw new AccountException.Unauthorized();
        return p;
    }
}
