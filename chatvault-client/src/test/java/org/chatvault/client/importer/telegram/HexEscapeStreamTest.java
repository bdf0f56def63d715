package org.chatvault.client.importer.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HexEscapeStreamTest {
    private static String filtered(String json, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream r = new HexEscapeStream(utf8(json))) {
            byte[] buf = new byte[chunk];
            for (int n; (n = r.read(buf, 0, chunk)) != -1; ) out.write(buf, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test void rewritesHexEscapesInsideStringsOnly() throws IOException {
        String json = "{\"a\\x41\": \"x\\x0Ay\", \"b\": \"\\\\x41\", \"x\": 1}";
        String expected = "{\"a\\u0041\": \"x\\u000Ay\", \"b\": \"\\\\x41\", \"x\": 1}";
        for (int chunk : new int[] {1, 2, 3, 7, 4096}) assertEquals(expected, filtered(json, chunk), "chunk " + chunk);
    }

    @Test void jacksonReadsTheFilteredText() throws IOException {
        String json = "{\"text\": \"Sunny\\x0Aand\\x09cold \\\"quoted\\\" C:\\\\x41\"}";
        var node = new ObjectMapper().readTree(new HexEscapeStream(utf8(json)));
        assertEquals("Sunny\nand\tcold \"quoted\" C:\\x41", node.get("text").textValue());
    }

    @Test void leavesOrdinaryJsonUnchanged() throws IOException {
        String json = "{\"k\": [\"é\\u00e9\\n\\\"\", 12, null, {\"x\": \"\\\\\"}]}";
        assertEquals(json, filtered(json, 5));
    }
}
