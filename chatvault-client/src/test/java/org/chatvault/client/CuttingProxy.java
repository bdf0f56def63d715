package org.chatvault.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that forwards to the server until the server has sent
 * {@code allowance} bytes of answers, then cuts every connection: a download dropped midway, as
 * the client sees it (unlike {@link FlakyProxy}, which counts what the client sends).
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final URI target;
    private final AtomicLong allowance;

    CuttingProxy(URI target, long allowanceBytes) throws IOException {
        this.target = target;
        this.allowance = new AtomicLong(allowanceBytes);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(this::accept);
    }

    URI uri() { return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/"); }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                Thread.ofPlatform().daemon().start(() -> pump(client, upstream, false));
                Thread.ofPlatform().daemon().start(() -> pump(upstream, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buf = new byte[8 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (answers) {
                    long left = allowance.getAndAdd(-n);
                    if (left < n) {
                        if (left > 0) out.write(buf, 0, (int) left);
                        out.flush();
                        return; // closing both ends: the answer stops here
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the other direction closed the pair
        } finally {
            try { from.close(); } catch (IOException ignored) { }
            try { to.close(); } catch (IOException ignored) { }
        }
    }

    @Override public void close() throws IOException { listener.close(); }
}
