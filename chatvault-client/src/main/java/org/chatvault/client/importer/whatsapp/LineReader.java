package org.chatvault.client.importer.whatsapp;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a chat's text, as {@link java.io.BufferedReader#readLine} splits them ({@code \n}, {@code \r\n},
 * {@code \r}), but refusing a line longer than any a chat holds: a large file that is not a chat (one line of
 * minified JSON, say) must not be gathered into memory before it is found not to be one.
 */
final class LineReader implements Closeable {
    /** WhatsApp caps a message at 65,536 characters; a line is never longer. */
    static final int MAX_LINE = 1 << 20;

    /** A line longer than {@link #MAX_LINE}. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() { super("line longer than " + MAX_LINE + " characters"); }
    }

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int end;
    private boolean skipLf;

    LineReader(Reader in) { this.in = in; }

    /** The next line without its end, or null at the end of the text. */
    String readLine() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? line.toString() : null;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buffer[pos] != '\n' && buffer[pos] != '\r') pos++;
            line.append(buffer, start, pos - start);
            if (line.length() > MAX_LINE) throw new LineTooLongException();
            if (pos < end) {
                skipLf = buffer[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }

    @Override public void close() throws IOException { in.close(); }
}
