package org.chatvault.server.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.format.ObjectId;

/** Reads request bodies within their size limits and parses ids: every input is bounded here. */
final class RequestBodies {
    static final long JSON_LIMIT = 1024 * 1024;
    static final long COMMIT_LIMIT = 16 * 1024 * 1024;
    static final int MAX_IDS = 10_000;
    /** Where {@link SignatureFilter} leaves a body it read to verify, for {@link #json} to parse. */
    private static final String SIGNED_BODY = "chatvault.signed-body";
    /** The most of a refused request's body the server reads to drop it (see {@link #discardUnread}): the largest JSON body. */
    static final long DISCARD_LIMIT = COMMIT_LIMIT;

    private final ObjectMapper mapper;

    RequestBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as a stream that fails with 413 past {@code limit}; refused at once if Content-Length says so. */
    static InputStream limited(Context ctx, long limit) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) throw LimitedInputStream.tooLarge(limit);
        return new LimitedInputStream(ctx.req().getInputStream(), limit);
    }

    /** The largest JSON body a route of the table reads: what {@link SignatureFilter} may read before its handler. */
    static long limitFor(ApiEndpoint e) {
        return e == ApiEndpoint.COMMIT ? COMMIT_LIMIT : JSON_LIMIT;
    }

    /** Reads the whole body (at most {@code limit} bytes) for its signature to be checked, and keeps it for {@link #json}. */
    static byte[] readSigned(Context ctx, long limit) {
        byte[] body;
        try (InputStream in = limited(ctx, limit)) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new RequestException.BadRequest("the request body could not be read");
        }
        ctx.attribute(SIGNED_BODY, body);
        return body;
    }

    /**
     * Reads and drops what is left of a request's body, up to {@link #DISCARD_LIMIT}; run after
     * every request ({@link ApiRoutes}). A request is often refused before its body is read to the
     * end (a bad token, JSON that breaks off early, a bad first frame), and a route that takes no
     * body never reads one; Jetty then closes the connection under a client that is still sending
     * or means to reuse it, which the client sees as a reset, a cut answer or a dead connection on
     * its next request instead of the answer. A body declared larger than the limit is left unread
     * and the connection closes.
     */
    static void discardUnread(Context ctx) {
        if (ctx.req().getContentLengthLong() > DISCARD_LIMIT) return;
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[64 * 1024];
            long total = 0;
            for (int n; total <= DISCARD_LIMIT && (n = in.read(sink)) != -1; ) total += n;
        } catch (IOException | RuntimeException e) {
            // The client is gone or the body was already read: there is nothing left to spare it.
        }
    }

    <T> T json(Context ctx, Class<T> type, long limit) {
        byte[] signed = ctx.attribute(SIGNED_BODY);
        if (signed != null && signed.length > limit) throw LimitedInputStream.tooLarge(limit);
        try (InputStream in = signed != null ? new ByteArrayInputStream(signed) : limited(ctx, limit)) {
            T value = mapper.readValue(in, type);
            if (value == null) throw new RequestException.MalformedJson("the request body must be a JSON object");
            return value;
        } catch (StreamConstraintsException e) {
            throw pastJsonLimits();
        } catch (JsonParseException e) {
            throw notJson();
        } catch (MismatchedInputException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("No content"))
                throw new RequestException.MalformedJson("the request body is empty; a JSON object is required");
            throw new RequestException.BadRequest("field " + path(e) + " has the wrong type");
        } catch (JsonMappingException e) {
            // Jackson wraps what the parser finds inside a field (bad bytes, a cut-off body, a limit passed).
            if (e.getCause() instanceof StreamConstraintsException) throw pastJsonLimits();
            if (e.getCause() instanceof JsonParseException) throw notJson();
            throw new RequestException.BadRequest("the request body does not have the expected fields");
        } catch (IOException e) {
            // The client stopped sending; there is hardly anyone left to answer.
            throw new RequestException.BadRequest("the request body could not be read");
        }
    }

    private static RequestException notJson() {
        return new RequestException.MalformedJson("the request body is not valid JSON");
    }

    private static RequestException pastJsonLimits() {
        return new RequestException.MalformedJson("the request body passes a JSON limit: a number, a string or the nesting is too long");
    }

    /** Parses an id list of at most {@link #MAX_IDS}. */
    static List<ObjectId> ids(List<String> raw, String field) {
        if (raw == null) throw required(field);
        if (raw.size() > MAX_IDS) throw new RequestException.TooManyIds(MAX_IDS, raw.size());
        return parseIds(raw, field);
    }

    /** Parses an id list whose length the body limit already bounds; null means empty. */
    static List<ObjectId> optionalIds(List<String> raw, String field) {
        return raw == null ? List.of() : parseIds(raw, field);
    }

    /** A required field absent from the body. */
    static RequestException required(String field) {
        return new RequestException.BadRequest("'" + field + "' is required");
    }

    static ObjectId id(String raw, String field) {
        if (!ObjectId.isValidHex(raw)) throw new RequestException.MalformedId("'" + field + "' is not an object id (64 lowercase hex characters)");
        return ObjectId.parse(raw);
    }

    private static List<ObjectId> parseIds(List<String> raw, String field) {
        List<ObjectId> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            if (!ObjectId.isValidHex(raw.get(i)))
                throw new RequestException.MalformedId(field + "[" + i + "] is not an object id (64 lowercase hex characters)");
            out.add(ObjectId.parse(raw.get(i)));
        }
        return out;
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) b.append('[').append(r.getIndex()).append(']');
        }
        return b.isEmpty() ? "(body)" : "'" + b + "'";
    }
}
