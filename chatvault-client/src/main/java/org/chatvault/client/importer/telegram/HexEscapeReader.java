package org.chatvault.client.importer.telegram;

import java.io.IOException;
import java.io.Reader;

/**
 * Telegram Desktop writes control characters inside JSON strings as {@code \xHH}, which JSON does
 * not allow; this filter rewrites each such escape to {@code backslash-u-00HH} as the text streams by, so
 * Jackson reads the export without it ever being held whole. Only escapes inside strings are
 * touched; everything else passes unchanged.
 */
final class HexEscapeReader extends Reader {
    private enum State { OUTSIDE, STRING, ESCAPE }

    private final Reader in;
    private final char[] buffer = new char[16 * 1024];
    private int pos;
    private int limit;
    private State state = State.OUTSIDE;
    /** The "00" still owed after a rewritten {@code \x} became backslash-u. */
    private int zerosOwed;

    HexEscapeReader(Reader in) { this.in = in; }

    @Override public int read(char[] out, int off, int len) throws IOException {
        if (len == 0) return 0;
        int n = 0;
        while (n < len) {
            if (zerosOwed > 0) {
                out[off + n++] = '0';
                zerosOwed--;
                continue;
            }
            if (pos == limit) {
                if (n > 0) break;
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            char c = buffer[pos++];
            switch (state) {
                case OUTSIDE -> { if (c == '"') state = State.STRING; }
                case STRING -> {
                    if (c == '\\') state = State.ESCAPE;
                    else if (c == '"') state = State.OUTSIDE;
                }
                case ESCAPE -> {
                    state = State.STRING;
                    if (c == 'x') {
                        c = 'u';
                        zerosOwed = 2;
                    }
                }
            }
            out[off + n++] = c;
        }
        return n;
    }

    @Override public void close() throws IOException { in.close(); }
}
