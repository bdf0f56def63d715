package org.chatvault.client.importer.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.chatvault.client.importer.ImportException;

/**
 * Typed reads of one message's fields: a field of the wrong JSON type is refused with its JSON
 * path and what was expected, never skipped and never left to a Jackson or null-pointer exception.
 */
final class JsonFields {
    /** An id some tools write as a string. */
    static final Pattern ID = Pattern.compile("-?[0-9]{1,19}");
    /** Seconds since 1970, as Telegram writes {@code date_unixtime} (a string). */
    static final Pattern SECONDS = Pattern.compile("-?[0-9]{1,15}");
    private final Path file;

    JsonFields(Path file) { this.file = file; }

    ImportException fail(String where, String problem) { return ImportException.at(file, where, problem); }

    static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** The field as a string, or null when it is missing or null. */
    String string(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw fail(path + "." + field, "expected a string, found " + describe(v));
        return v.textValue();
    }

    /** A non-negative whole number (a size, a duration), 0 when missing. */
    long count(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return 0;
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0)
            throw fail(path + "." + field, "expected a whole number of 0 or more, found " + describe(v));
        return v.longValue();
    }

    /** A Telegram id (a whole number, possibly negative; some tools write it as a string), or null when missing. */
    String id(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isIntegralNumber()) return v.asText();
        if (v.isTextual() && ID.matcher(v.textValue()).matches()) return v.textValue();
        throw fail(path + "." + field, "expected an id (a whole number), found " + describe(v));
    }

    JsonNode object(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) throw fail(path + "." + field, "expected an object, found " + describe(v));
        return v;
    }

    JsonNode array(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isArray()) throw fail(path + "." + field, "expected an array, found " + describe(v));
        return v;
    }

    /** What a value is, for an error message: {@code a number (12)}, {@code an object}, {@code the string 'x'}. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        if (v.isNull()) return "null";
        if (v.isTextual()) return "the string '" + shorten(v.textValue()) + "'";
        if (v.isNumber()) return "the number " + v.asText();
        if (v.isBoolean()) return v.asText();
        if (v.isArray()) return "an array";
        if (v.isObject()) return "an object";
        return v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
