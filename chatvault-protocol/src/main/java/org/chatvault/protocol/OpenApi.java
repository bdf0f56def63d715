package org.chatvault.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3.1 document of the API ({@code openapi.json} beside this class), served at {@code /v1/openapi.json}. */
public final class OpenApi {
    public static final String RESOURCE = "openapi.json";

    private OpenApi() {}

    /** The document's bytes (UTF-8 JSON). */
    public static byte[] document() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the protocol module");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
