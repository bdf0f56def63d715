package org.chatvault.client.importer.whatsapp;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.chatvault.client.importer.ImportSink;
import org.chatvault.core.model.Attachment;

/**
 * Where a chat's text and its files are: a {@code .txt} (files beside it, if the user unpacked the zip) or
 * the {@code .zip} WhatsApp shares (files as its entries).
 */
sealed interface ChatArchive extends Closeable permits TextFileChat, ZipChat {
    /** The file the user named, for messages. */
    Path file();

    /** The chat's name, from the file names ("WhatsApp Chat with Mum.txt" → "Mum"). */
    String chatName();

    /** The chat's text from its start; each call reads it anew. */
    LineReader openText() throws IOException;

    /** Where line {@code n} is, as a message names it: {@code line 12} or {@code entry '_chat.txt', line 12}. */
    String where(long line);

    /** Where the text as a whole is: empty for a .txt, {@code entry '_chat.txt'} in a zip. */
    String whereText();

    /** Whether the export holds the file the text names. */
    boolean holds(String fileName);

    /** The file the text names, copied into the LocalStore through {@code sink}; null when the export lacks it. */
    Attachment copy(String fileName, ImportSink sink) throws IOException;

    /**
     * A reader of WhatsApp's text: UTF-8 (its byte-order mark skipped), or UTF-16 when a byte-order mark says so
     * (a chat saved again by a Windows editor). Bytes that are not text are an error, not replacement characters.
     */
    static LineReader textReader(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(3);
        int b0 = in.read(), b1 = in.read(), b2 = in.read();
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) skip = 3;
        else if (b0 == 0xFF && b1 == 0xFE) { charset = StandardCharsets.UTF_16LE; skip = 2; }
        else if (b0 == 0xFE && b1 == 0xFF) { charset = StandardCharsets.UTF_16BE; skip = 2; }
        in.reset();
        in.skipNBytes(skip);
        return new LineReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /** Whether a name the text gives could be a file's own name (not a path that leads elsewhere). */
    static boolean plainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }
}
