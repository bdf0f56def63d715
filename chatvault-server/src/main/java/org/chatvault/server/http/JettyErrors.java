package org.chatvault.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.chatvault.protocol.error.ErrorBody;
import org.chatvault.protocol.error.ErrorCode;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals — a request it cannot parse (an ambiguous path, a bad Content-Length,
 * headers past the limit), a 503 while stopping — answered in the API's error shape
 * {@code {error, message}} instead of Jetty's HTML page, so a client parses every error alike.
 * Each says {@code Connection: close}: Jetty drops the connection after refusing a request it
 * could not parse, and a client told so opens a new one for its next request instead of sending
 * it down a dead one (found by {@code ApiFuzzTest}: a {@code %00} in a path cost the next request).
 */
final class JettyErrors extends ErrorHandler {
    private static final String JSON = "application/json";
    private final ObjectMapper mapper;

    JettyErrors(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) throws IOException {
        ErrorCode code = ErrorMapping.fromStatus(status);
        response.setStatus(code.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body(code, status, message)), callback);
    }

    /** For a request so broken that Jetty never built one (bad headers, header overflow). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
        fields.put(new HttpField(HttpHeader.CONNECTION, "close"));
        return ByteBuffer.wrap(body(ErrorMapping.fromStatus(status), status, reason));
    }

    private byte[] body(ErrorCode code, int status, String jettyMessage) {
        String message = ErrorMapping.describe(status);
        // Jetty's reason names the defect ("Ambiguous URI path separator", "Invalid Content-Length Value").
        if (jettyMessage != null && !jettyMessage.isBlank() && code == ErrorCode.BAD_REQUEST) message += ": " + jettyMessage;
        try {
            return mapper.writeValueAsBytes(new ErrorBody(code.code(), message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
