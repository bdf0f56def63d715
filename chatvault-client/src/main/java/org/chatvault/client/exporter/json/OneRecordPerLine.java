package org.chatvault.client.exporter.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;

/**
 * Compact JSON with a line break before each conversation and each message: a person (or grep)
 * can read the export line by line, and it costs one byte per message instead of the indentation
 * of a fully pretty-printed file.
 */
final class OneRecordPerLine extends MinimalPrettyPrinter {
    @Override public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (isListOfRecords(g)) g.writeRaw('\n');
    }

    @Override public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        if (isListOfRecords(g)) g.writeRaw('\n');
    }

    @Override public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
        if (nrOfValues > 0 && isListOfRecords(g)) g.writeRaw('\n');
        g.writeRaw(']');
    }

    @Override public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
        g.writeRaw('}');
        if (g.getOutputContext().getParent() != null && g.getOutputContext().getParent().inRoot()) g.writeRaw('\n');
    }

    /** Whether the array being written is the export's list of conversations or a conversation's list of messages. */
    private static boolean isListOfRecords(JsonGenerator g) {
        JsonStreamContext array = g.getOutputContext();
        JsonStreamContext owner = array.getParent();
        if (!array.inArray() || owner == null) return false;
        String name = owner.getCurrentName();
        return JsonExportSchema.F_CONVERSATIONS.equals(name) || JsonExportSchema.F_MESSAGES.equals(name);
    }
}
