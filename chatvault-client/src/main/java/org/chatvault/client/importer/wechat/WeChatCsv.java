package org.chatvault.client.importer.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.client.importer.ImportException;

/**
 * Reads a WeChat CSV row by row (streamed, quoted cells with commas, quotes and line breaks as CSV
 * has them), skipping a UTF-8 byte order mark, and says where each row starts so errors can name
 * the line. Problems of the CSV itself (an unclosed quote at the end of a cut file, bytes that are
 * not UTF-8) come out as {@link ImportException}s naming the line.
 */
final class WeChatCsv {
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    /** One row: its cells, the line it starts on, and where each column of the header is. */
    record Row(String[] cells, int line, Map<String, Integer> columns) {
        /** The cell of {@code column}, "" when the row is shorter (WeChat tools write short rows). */
        String cell(String column) {
            Integer index = columns.get(column);
            return index != null && index < cells.length && cells[index] != null ? cells[index] : "";
        }

        int width() { return cells.length; }
    }

    @FunctionalInterface interface RowHandler {
        void row(Row row) throws IOException;
    }

    private WeChatCsv() {}

    /** The first line of {@code file} (its header), without byte order mark, quotes or spaces; "" when there is none. */
    static String header(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4096);
            String text = new String(head, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            int end = text.indexOf('\n');
            String first = end < 0 ? text : text.substring(0, end);
            return first.replace("\"", "").replace(" ", "").strip();
        }
    }

    /** Reads every row after the header to {@code handler}; the header's cells are checked against {@code expected} first. */
    static void read(Path file, List<String> expected, RowHandler handler) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bom = in.readNBytes(3);
            boolean hasBom = bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF;
            InputStream body = hasBom ? in : new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(bom), in);
            BufferedReader text = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
            int line = 1;
            try (MappingIterator<String[]> rows = MAPPER.readerFor(String[].class).readValues(text)) {
                CsvParser parser = (CsvParser) rows.getParser();
                Map<String, Integer> columns = null;
                while (rows.hasNextValue()) {
                    String[] cells = rows.nextValue();
                    int next = parser.currentLocation().getLineNr();
                    if (columns == null) {
                        columns = columns(file, cells, expected);
                    } else if (!(cells.length == 1 && cells[0].isBlank())) {
                        handler.row(new Row(cells, line, columns));
                    }
                    line = next;
                }
                if (columns == null) throw ImportException.of(file, "the file is empty; expected the header " + String.join(",", expected));
            } catch (JsonProcessingException e) {
                if (String.valueOf(e.getOriginalMessage()).contains("closing quote"))
                    throw ImportException.at(file, "line " + line, "expected a closing quote for a cell of the row that starts here;"
                            + " the file ends inside it (is it cut short?)");
                // a failure while decoding may carry no location: the row being read then is the place
                int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
                throw ImportException.at(file, "line " + at, "expected CSV (" + e.getOriginalMessage() + ")");
            } catch (CharacterCodingException e) {
                throw ImportException.at(file, "near line " + line, "expected UTF-8 text, found bytes that are not (the file is damaged or not a CSV)");
            }
        }
    }

    private static Map<String, Integer> columns(Path file, String[] cells, List<String> expected) {
        List<String> found = Arrays.stream(cells).map(c -> c == null ? "" : c.strip()).toList();
        if (!found.containsAll(expected))
            throw ImportException.at(file, "line 1", "expected the header " + String.join(",", expected) + ", found '"
                    + shown(String.join(",", found)) + "'");
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < found.size(); i++) columns.putIfAbsent(found.get(i), i);
        return columns;
    }

    static String shown(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > 80 ? out + "…" : out.toString();
    }
}
