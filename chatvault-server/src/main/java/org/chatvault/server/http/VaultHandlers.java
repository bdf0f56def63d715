package org.chatvault.server.http;

import io.javalin.http.Context;
import java.util.List;
import org.chatvault.server.error.ApiException;
import org.chatvault.server.error.ErrorCode;
import org.chatvault.server.store.Head;
import org.chatvault.server.store.Usage;
import org.chatvault.server.vault.CommitRequest;
import org.chatvault.server.vault.HeadService;

/** {@code /v1/vault} and {@code /v1/usage}. */
final class VaultHandlers {
    record HeadResponse(long version, String root, Long committedAt) {}
    record CommitBody(Long baseVersion, String root, List<String> added, List<String> dropped) {}
    record CommitResponse(long version) {}
    record UsageResponse(long objects, long bytes, long packs, long packBytes, long version) {}

    private final HeadService heads;
    private final RequestBodies bodies;

    VaultHandlers(HeadService heads, RequestBodies bodies) {
        this.heads = heads;
        this.bodies = bodies;
    }

    void head(Context ctx) {
        Head h = heads.head(AuthFilter.principal(ctx));
        ctx.json(new HeadResponse(h.version(), h.root() == null ? null : h.root().hex(),
                h.committedAt() == null ? null : h.committedAt().toEpochMilli()));
    }

    void commit(Context ctx) {
        CommitBody b = bodies.json(ctx, CommitBody.class, RequestBodies.COMMIT_LIMIT);
        if (b.baseVersion() == null) throw new ApiException(ErrorCode.BAD_REQUEST, "'baseVersion' is required");
        if (b.root() == null) throw new ApiException(ErrorCode.BAD_REQUEST, "'root' is required");
        CommitRequest req = new CommitRequest(b.baseVersion(), RequestBodies.id(b.root(), "root"),
                RequestBodies.optionalIds(b.added(), "added"), RequestBodies.optionalIds(b.dropped(), "dropped"));
        ctx.json(new CommitResponse(heads.commit(AuthFilter.principal(ctx), req)));
    }

    void usage(Context ctx) {
        Usage u = heads.usage(AuthFilter.principal(ctx));
        ctx.json(new UsageResponse(u.objects(), u.bytes(), u.packs(), u.packBytes(), u.version()));
    }
}
