package org.chatvault.client.importer.chatvault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.chatvault.client.exporter.json.JsonExportSchema;
import org.chatvault.client.importer.ImportException;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.client.importer.Importer;

/**
 * Reads Chatvault's own JSON export back (docs/EXPORT.md), losslessly: conversation and message
 * ids, times, content ids and thumbnails are kept as written, and the media files in the export's
 * {@code media/} folder go into the LocalStore under their content ids. Accepts the export
 * directory or its {@value JsonExportSchema#FILE_NAME}. Streamed, so an export of any size costs
 * the same memory.
 */
public final class ChatvaultJsonImporter implements Importer {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern SIGNATURE = Pattern.compile("\\A\\uFEFF?\\s*\\{\\s*\"format\"\\s*:\\s*\"" + JsonExportSchema.FORMAT + "\"");
    private static final int SNIFF_BYTES = 256;
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: \\d+\\]");

    @Override public ImportFormat format() { return ImportFormat.CHATVAULT_JSON; }

    @Override public boolean recognizes(Path path) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(JsonExportSchema.FILE_NAME) : path;
        if (!Files.isRegularFile(file)) return false;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        return SIGNATURE.matcher(new String(head, StandardCharsets.UTF_8)).find();
    }

    @Override public void read(Path path, ImportOptions options, ImportSink sink) throws IOException {
        Path file = Files.isDirectory(path) ? path.resolve(JsonExportSchema.FILE_NAME) : path;
        if (!Files.isRegularFile(file))
            throw ImportException.of(path, "expected a Chatvault JSON export: a directory holding " + JsonExportSchema.FILE_NAME + ", or that file");
        Path exportDir = file.toAbsolutePath().getParent();
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            new ExportReader(file, exportDir, parser, sink).read();
        } catch (JsonEOFException e) {
            throw ImportException.at(file, JsonPaths.of(e.getProcessor() instanceof JsonParser p ? p.getParsingContext() : null)
                    + ", line " + e.getLocation().getLineNr(), "the file ends early (is it truncated?): " + plain(e.getOriginalMessage()));
        } catch (StreamReadException e) {
            JsonParser p = e.getProcessor() instanceof JsonParser jp ? jp : null;
            String where = (p == null ? "$" : JsonPaths.of(p.getParsingContext()))
                    + (e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr());
            throw ImportException.at(file, where, "not valid JSON: " + plain(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            // a limit of the parser (nesting depth, a string of tens of megabytes), not a place in the file
            throw ImportException.of(file, "not a JSON export Chatvault can read: " + plain(e.getOriginalMessage()));
        } catch (CharConversionException e) {
            throw ImportException.of(file, "expected UTF-8 text (a Chatvault JSON export), found bytes that are not: " + e.getMessage());
        }
    }

    /** Jackson's message in a user's words: its first line, with "[Source: …; line: 31, column: 9]" as "line 31". */
    static String plain(String jacksonMessage) {
        if (jacksonMessage == null) return "";
        int nl = jacksonMessage.indexOf('\n');
        String first = nl < 0 ? jacksonMessage : jacksonMessage.substring(0, nl);
        return SOURCE.matcher(first).replaceAll("line $1").replace("start marker at line", "opened on line");
    }
}
