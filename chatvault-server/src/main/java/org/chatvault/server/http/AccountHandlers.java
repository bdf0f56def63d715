package org.chatvault.server.http;

import io.javalin.http.Context;
import org.chatvault.protocol.account.AccountCreated;
import org.chatvault.protocol.account.Credentials;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.account.PasswordChange;
import org.chatvault.protocol.account.RefreshRequest;
import org.chatvault.protocol.account.Registration;
import org.chatvault.server.account.AccountService;
import org.chatvault.server.account.DeviceHello;
import org.chatvault.server.account.RegisteredAccount;
import org.chatvault.server.account.SessionTokens;

/** {@code /v1/accounts}, {@code /v1/account} and {@code /v1/sessions}. */
record AccountHandlers(AccountService accounts, RequestBodies bodies, ClientAddresses addresses) {
    void register(Context ctx) {
        Registration r = bodies.json(ctx, Registration.class, RequestBodies.JSON_LIMIT);
        RegisteredAccount a = accounts.register(r.username(), r.loginSecret(), r.vaultPublicKey(), addresses.of(ctx));
        ctx.status(201).json(new AccountCreated(a.accountId(), a.username()));
    }

    void login(Context ctx) {
        Credentials c = bodies.json(ctx, Credentials.class, RequestBodies.JSON_LIMIT);
        ctx.json(issued(accounts.login(c.username(), c.loginSecret(),
                new DeviceHello(c.deviceId(), c.deviceCredential(), c.deviceName(), c.deviceKind()), addresses.of(ctx))));
    }

    void refresh(Context ctx) {
        RefreshRequest r = bodies.json(ctx, RefreshRequest.class, RequestBodies.JSON_LIMIT);
        ctx.json(issued(accounts.refresh(r.refreshToken())));
    }

    void logout(Context ctx) {
        accounts.logout(AuthFilter.principal(ctx));
        ctx.status(204);
    }

    void revokeOtherSessions(Context ctx) {
        accounts.revokeOtherSessions(AuthFilter.principal(ctx));
        ctx.status(204);
    }

    void changePassword(Context ctx) {
        PasswordChange c = bodies.json(ctx, PasswordChange.class, RequestBodies.JSON_LIMIT);
        accounts.changePassword(AuthFilter.principal(ctx), c.currentLoginSecret(), c.newLoginSecret());
        ctx.status(204);
    }

    private static IssuedTokens issued(SessionTokens t) {
        return new IssuedTokens(t.accessToken(), t.accessExpiresAt().toEpochMilli(), t.refreshToken(), t.refreshExpiresAt().toEpochMilli(),
                t.accountId(), t.issuedAt().toEpochMilli(),
                t.deviceId(), t.deviceCredential());
    }
}
