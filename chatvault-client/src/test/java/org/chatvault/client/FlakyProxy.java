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
 * A real TCP proxy on loopback that forwards to the server until {@code budget} request bytes
 * have passed, then cuts every connection and refuses new ones: a dropped network, or a process
 * killed mid-upload, as the server sees it.
 */
final class FlakyProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final URI target;
    private final AtomicLong budget;
    private volatile boolean cut;

    FlakyProxy(URI target, long budgetBytes) throws IOException {
        this.target = target;
        this.budget = new AtomicLong(budgetBytes);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(this::accept);
    }

    URI uri() { return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/"); }

    boolean wasCut() { return cut; }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(target.getHost(), target.getPort());
                Thread.ofPlatform().daemon().start(() -> pump(client, upstream, true));
                Thread.ofPlatform().daemon().start(() -> pump(upstream, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean counted) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (counted && budget.addAndGet(-n) < 0) {
                    cut = true;
                    from.close();
                    to.close();
                    return;
                }
                if (cut) return;
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
