package org.chatvault.server.http;

import io.javalin.http.Context;
import org.chatvault.protocol.account.AccountCreated;
import org.chatvault.protocol.account.Credentials;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.account.RefreshRequest;
import org.chatvault.server.account.AccountService;
import org.chatvault.server.account.LoginOrigin;
import org.chatvault.server.account.RegisteredAccount;
import org.chatvault.server.account.SessionTokens;

/** {@code /v1/accounts} and {@code /v1/sessions}. */
record AccountHandlers(AccountService accounts, RequestBodies bodies, ClientAddresses addresses) {
    void register(Context ctx) {
        Credentials c = bodies.json(ctx, Credentials.class, RequestBodies.JSON_LIMIT);
        RegisteredAccount a = accounts.register(c.username(), c.loginSecret(), addresses.of(ctx));
        ctx.status(201).json(new AccountCreated(a.accountId(), a.username()));
    }

    void login(Context ctx) {
        Credentials c = bodies.json(ctx, Credentials.class, RequestBodies.JSON_LIMIT);
        ctx.json(issued(accounts.login(c.username(), c.loginSecret(), LoginOrigin.from(addresses.of(ctx)))));
    }

    void refresh(Context ctx) {
        RefreshRequest r = bodies.json(ctx, RefreshRequest.class, RequestBodies.JSON_LIMIT);
        ctx.json(issued(accounts.refresh(r.refreshToken())));
    }

    void logout(Context ctx) {
        accounts.logout(AuthFilter.principal(ctx));
        ctx.status(204);
    }

    private static IssuedTokens issued(SessionTokens t) {
        return new IssuedTokens(t.accessToken(), t.accessExpiresAt().toEpochMilli(), t.refreshToken(), t.refreshExpiresAt().toEpochMilli());
    }
}
