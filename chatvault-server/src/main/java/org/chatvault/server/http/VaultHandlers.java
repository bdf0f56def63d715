package org.chatvault.server.http;

import io.javalin.http.Context;
import org.chatvault.protocol.vault.Commit;
import org.chatvault.protocol.vault.CommitResult;
import org.chatvault.server.vault.CommitRequest;
import org.chatvault.server.vault.HeadService;
import org.chatvault.server.vault.UsageService;

/** {@code /v1/vault/commit} and {@code /v1/usage} ({@link HeadHandler} answers the head). */
record VaultHandlers(HeadService heads, UsageService usage, RequestBodies bodies) {
    void commit(Context ctx) {
        Commit b = bodies.json(ctx, Commit.class, RequestBodies.COMMIT_LIMIT);
        if (b.baseVersion() == null) throw RequestBodies.required("baseVersion");
        if (b.root() == null) throw RequestBodies.required("root");
        CommitRequest req = new CommitRequest(b.baseVersion(), RequestBodies.id(b.root(), "root"),
                RequestBodies.optionalIds(b.added(), "added"), RequestBodies.optionalIds(b.dropped(), "dropped"));
        ctx.json(new CommitResult(heads.commit(AuthFilter.principal(ctx), req)));
    }

    void usage(Context ctx) {
        ctx.json(UsageAnswers.of(usage.report(AuthFilter.principal(ctx))));
    }
}
