package org.chatvault.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.chatvault.protocol.signing.RequestSignature;
import org.chatvault.server.signing.RequestSigning;

/**
 * Runs after {@link AuthFilter} before every matched route: a route whose access is
 * {@link Access#VAULT} is served only if the request carries a valid vault signature (docs/API.md
 * "Signed requests"). Driven by the route's role alone, so a vault route added to the table later
 * is protected without code of its own.
 *
 * <p>The signature covers the SHA-256 of exactly the bytes the handler reads. A JSON body is read
 * here, within its limit, verified, and left for {@link RequestBodies#json} to parse; an upload
 * batch streams into a spool file and is hashed on the way, so its handler finishes the check
 * ({@link #bodyCheck}) before anything is stored.
 */
final class SignatureFilter implements Handler {
    private static final String PENDING = "chatvault.signature";
    /** Vault routes that only read: a repeat changes nothing, so they need not be remembered against replays. */
    private static final Set<ApiEndpoint> READS = EnumSet.of(ApiEndpoint.HEAD, ApiEndpoint.MISSING, ApiEndpoint.FETCH,
            ApiEndpoint.ARCHIVE);

    private final RequestSigning signing;

    SignatureFilter(RequestSigning signing) {
        this.signing = signing;
    }

    /** A claim whose body hash is still to come. */
    private record Pending(RequestSigning signing, RequestSigning.Claim claim, String method, String path, boolean changesVault) {
        void verify(byte[] bodySha256) {
            signing.verify(claim, method, path, bodySha256, changesVault);
        }
    }

    @Override
    public void handle(Context ctx) {
        if (!ctx.routeRoles().contains(Access.VAULT)) return;
        ApiEndpoint endpoint = MatchedEndpoint.of(ctx);
        RequestSigning.Claim claim = signing.claim(AuthFilter.principal(ctx).accountId(),
                ctx.header(RequestSignature.TIMESTAMP_HEADER), ctx.header(RequestSignature.SIGNATURE_HEADER));
        // The path as sent (not decoded), the one the client signed.
        Pending pending = new Pending(signing, claim, ctx.method().name(), ctx.req().getRequestURI(), !READS.contains(endpoint));
        ApiEndpoint.Body body = endpoint.request();
        if (body == ApiEndpoint.Body.OBJECT_BATCH) {
            ctx.attribute(PENDING, pending);
        } else if (body.mediaType() == null) {
            pending.verify(RequestSignature.bodyHash(new byte[0])); // handlers of body-less routes read nothing
        } else {
            pending.verify(RequestSignature.bodyHash(RequestBodies.readSigned(ctx, RequestBodies.limitFor(endpoint))));
        }
    }

    /**
     * For a vault route with a streamed body: the check to run with the SHA-256 of the body once it
     * has been read, before anything is stored. Throws a {@code SigningException} if it fails.
     */
    static Consumer<byte[]> bodyCheck(Context ctx) {
        Pending pending = ctx.attribute(PENDING);
        if (pending == null) throw new IllegalStateException("no signature to check for " + ctx.method() + " " + ctx.path());
        return pending::verify;
    }
}
