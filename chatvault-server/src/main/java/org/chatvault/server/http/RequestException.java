package org.chatvault.server.http;

/**
 * A request refused before any service sees it: a body that is not the JSON or the size
 * expected, a field missing or of the wrong type, a malformed id. Mapped to its status and wire
 * code in {@link ErrorMapping}; no stack trace is captured.
 */
abstract sealed class RequestException extends RuntimeException {
    private RequestException(String message) {
        super(message, null, false, false);
    }

    /** A field missing or of the wrong type, or a body that could not be read. */
    static final class BadRequest extends RequestException {
        BadRequest(String message) { super(message); }
    }

    /** Not JSON, empty, or not an object. */
    static final class MalformedJson extends RequestException {
        MalformedJson(String message) { super(message); }
    }

    static final class MalformedId extends RequestException {
        MalformedId(String message) { super(message); }
    }

    static final class TooManyIds extends RequestException {
        TooManyIds(int max, int given) { super("at most " + max + " ids per request, not " + given); }
    }

    static final class BodyTooLarge extends RequestException {
        BodyTooLarge(long limit) { super("the request body is larger than " + limit + " bytes"); }
    }

    static final class UnsupportedMediaType extends RequestException {
        UnsupportedMediaType(String message) { super(message); }
    }
}
