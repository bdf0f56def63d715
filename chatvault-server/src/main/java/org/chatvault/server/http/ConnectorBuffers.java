package org.chatvault.server.http;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Gives every HTTP connection a larger read buffer than Jetty's 8 KiB. A media upload is a batch
 * of 16 MiB; read 8 KiB at a time that is two thousand socket reads, parser passes and wake-ups
 * of the handler's thread per batch, which cost more than the bytes themselves. 64 KiB is the
 * largest size Jetty's default buffer pool keeps for reuse: a larger one would be allocated for
 * every read instead. Set as the server starts, when the connectors (Javalin's own, or the TLS
 * one) are all in place.
 */
final class ConnectorBuffers {
    static final int INPUT_BUFFER_BYTES = 64 * 1024;

    private ConnectorBuffers() {}

    static void widenOnStart(Server server) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                widen(server);
            }
        });
    }

    static void widen(Server server) {
        for (Connector c : server.getConnectors()) {
            for (ConnectionFactory f : c.getConnectionFactories()) {
                if (f instanceof HttpConnectionFactory http && http.getInputBufferSize() < INPUT_BUFFER_BYTES)
                    http.setInputBufferSize(INPUT_BUFFER_BYTES);
            }
        }
    }
}
