package org.chatvault.server.http;

import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.object.MissingObjects;
import org.chatvault.protocol.object.ObjectIds;
import org.chatvault.protocol.object.RelabelRequest;
import org.chatvault.protocol.object.RelabelResult;
import org.chatvault.protocol.object.UploadResult;
import org.chatvault.server.vault.FetchPlan;
import org.chatvault.server.vault.ObjectService;
import org.chatvault.server.vault.RelabelService;
import org.chatvault.server.vault.VaultRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /v1/objects}: missing, batch upload, batch fetch, relabel. */
record ObjectHandlers(ObjectService objects, RelabelService relabels, RequestBodies bodies, long maxBatchBytes, long maxFetchAnswerBytes) {
    private static final Logger log = LoggerFactory.getLogger(ObjectHandlers.class);
    static final String OCTET_STREAM = "application/octet-stream";
    /** On a fetch answer that holds only the first of the requested objects: how many it left out (docs/API.md). */
    static final String FETCH_OMITTED = "Chatvault-Fetch-Omitted";

    void missing(Context ctx) {
        List<ObjectId> ids = RequestBodies.ids(bodies.json(ctx, ObjectIds.class, RequestBodies.JSON_LIMIT).ids(), "ids");
        ctx.json(new MissingObjects(objects.missing(AuthFilter.principal(ctx), ids).stream().map(ObjectId::hex).toList()));
    }

    void relabel(Context ctx) throws IOException {
        RelabelRequest req = bodies.json(ctx, RelabelRequest.class, RequestBodies.JSON_LIMIT);
        if (req.bucket() == null) throw new VaultRequestException.InvalidBucket("'bucket' is required");
        List<ObjectId> ids = RequestBodies.ids(req.ids(), "ids");
        RelabelService.Result r = relabels.relabel(AuthFilter.principal(ctx), req.bucket(), ids);
        ctx.json(new RelabelResult(r.relabelled(), r.unchanged()));
    }

    void upload(Context ctx) throws IOException {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(OCTET_STREAM))
            throw new RequestException.UnsupportedMediaType("a batch upload is sent as " + OCTET_STREAM);
        org.chatvault.server.vault.UploadResult u = objects.upload(AuthFilter.principal(ctx), RequestBodies.limited(ctx, maxBatchBytes),
                SignatureFilter.bodyCheck(ctx));
        ctx.json(new UploadResult(u.stored(), u.alreadyPresent(), u.bytes()));
    }

    void fetch(Context ctx) throws IOException {
        List<ObjectId> ids = RequestBodies.ids(bodies.json(ctx, ObjectIds.class, RequestBodies.JSON_LIMIT).ids(), "ids");
        FetchPlan plan = objects.planFetch(AuthFilter.principal(ctx), ids, maxFetchAnswerBytes);
        ctx.status(200).contentType(OCTET_STREAM);
        if (plan.omitted() > 0) ctx.header(FETCH_OMITTED, Integer.toString(plan.omitted()));
        // A known length lets the client show progress and tells it for certain when a stream was cut short.
        ctx.res().setContentLengthLong(plan.batchBytes());
        try {
            OutputStream out = new BufferedOutputStream(ctx.outputStream(), 64 * 1024);
            objects.writeBatch(plan, out);
            out.flush();
        } catch (IOException | RuntimeException e) {
            if (!ctx.res().isCommitted()) {
                // Nothing reached the client yet: drop the batch headers and answer with an error.
                ctx.res().reset();
                throw e;
            }
            // Bytes are already on the wire, so no error body can follow. Stopping short of the
            // Content-Length makes Jetty abort the connection and the client see a cut batch.
            log.warn("fetch of {} objects stopped mid-stream: {}", ids.size(), e.toString());
        }
    }
}
