package org.chatvault.server.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body as the handlers read it. Fails with {@code 413 body_too_large} as soon as more
 * than {@code limit} bytes are read, so a body without (or lying in) its Content-Length cannot
 * grow past the limit; and turns a connection the client dropped mid-body into a 400, so it is
 * not confused with a server failure (which the storage's own IOExceptions are).
 */
final class LimitedInputStream extends InputStream {
    private final InputStream in;
    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    @Override
    public int read() {
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            throw cutOff();
        }
        if (b >= 0) count(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        // Ask for one byte past the limit at most, to notice an overrun without reading far into it.
        long room = limit - read + 1;
        int n;
        try {
            n = in.read(b, off, (int) Math.min(len, Math.max(1, room)));
        } catch (IOException e) {
            throw cutOff();
        }
        if (n > 0) count(n);
        return n;
    }

    private static RequestException cutOff() {
        return new RequestException.BadRequest("the request body could not be read to its end; the connection was lost");
    }

    private void count(int n) {
        read += n;
        if (read > limit) throw tooLarge(limit);
    }

    static RequestException tooLarge(long limit) {
        return new RequestException.BodyTooLarge(limit);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
