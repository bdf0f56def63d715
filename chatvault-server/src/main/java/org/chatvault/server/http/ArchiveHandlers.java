package org.chatvault.server.http;

import io.javalin.http.Context;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.chatvault.protocol.vault.ArchiveHeaders;
import org.chatvault.server.vault.Head;
import org.chatvault.server.vault.ObjectService;
import org.chatvault.server.vault.VaultArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/vault/archive}: the whole vault as one object batch, the head it belongs to in the
 * answer's headers (docs/API.md "Archive"). A read: it changes nothing, so it keeps working while
 * a lapsed account's vault is read-only.
 */
record ArchiveHandlers(ObjectService objects) {
    private static final Logger log = LoggerFactory.getLogger(ArchiveHandlers.class);

    void download(Context ctx) throws IOException {
        try (VaultArchive archive = objects.planArchive(AuthFilter.principal(ctx))) {
            Head head = archive.head();
            ctx.status(200).contentType(ObjectHandlers.OCTET_STREAM);
            ctx.header(ArchiveHeaders.HEAD_VERSION, Long.toString(head.version()));
            if (head.root() != null) ctx.header(ArchiveHeaders.HEAD_ROOT, head.root().hex());
            if (head.committedAt() != null) ctx.header(ArchiveHeaders.HEAD_COMMITTED_AT, Long.toString(head.committedAt().toEpochMilli()));
            ctx.header(ArchiveHeaders.OBJECTS, Long.toString(archive.objects()));
            if (archive.unreadable() > 0) ctx.header(ArchiveHeaders.UNREADABLE, Long.toString(archive.unreadable()));
            // The exact length: a client that gets fewer bytes knows for certain the archive was cut short.
            ctx.res().setContentLengthLong(archive.batchBytes());
            try {
                OutputStream out = new BufferedOutputStream(ctx.outputStream(), 64 * 1024);
                objects.writeArchive(archive, out);
                out.flush();
            } catch (IOException | RuntimeException e) {
                if (!ctx.res().isCommitted()) {
                    ctx.res().reset();
                    throw e;
                }
                // As for a fetch: stopping short of the Content-Length makes Jetty abort the connection.
                log.warn("archive of {} objects stopped mid-stream: {}", archive.objects(), e.toString());
            }
        }
    }
}
