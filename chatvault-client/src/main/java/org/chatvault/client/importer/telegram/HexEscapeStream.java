package org.chatvault.client.importer.telegram;

import java.io.IOException;
import java.io.InputStream;

/**
 * Telegram Desktop writes control characters inside JSON strings as {@code \xHH}, which JSON does
 * not allow; this filter rewrites each such escape to backslash-u-00HH as the bytes stream by, so
 * Jackson reads the export without it ever being held whole. It works on the UTF-8 bytes (the
 * characters it looks for are ASCII, which never occur inside a multi-byte UTF-8 sequence) so
 * Jackson keeps its fast byte parser. Only escapes inside strings are touched.
 */
final class HexEscapeStream extends InputStream {
    private static final int OUTSIDE = 0, STRING = 1, ESCAPE = 2;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private int state = OUTSIDE;
    /** The "00" still owed after a rewritten {@code \x} became backslash-u. */
    private int zerosOwed;

    HexEscapeStream(InputStream in) { this.in = in; }

    @Override public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override public int read(byte[] out, int off, int len) throws IOException {
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
            byte b = buffer[pos++];
            if (state == STRING) {
                if (b == '\\') state = ESCAPE;
                else if (b == '"') state = OUTSIDE;
            } else if (state == ESCAPE) {
                state = STRING;
                if (b == 'x') {
                    b = 'u';
                    zerosOwed = 2;
                }
            } else if (b == '"') {
                state = STRING;
            }
            out[off + n++] = b;
        }
        return n;
    }

    @Override public void close() throws IOException { in.close(); }
}
