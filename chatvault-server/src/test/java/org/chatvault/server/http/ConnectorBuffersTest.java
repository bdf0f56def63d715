package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

class ConnectorBuffersTest {
    @Test
    void aConnectorAddedBeforeStartReadsInLargeBuffers() throws Exception {
        Server server = new Server();
        ConnectorBuffers.widenOnStart(server);
        HttpConnectionFactory http = new HttpConnectionFactory();
        assertThat(http.getInputBufferSize()).isLessThan(ConnectorBuffers.INPUT_BUFFER_BYTES); // Jetty's default, 8 KiB
        ServerConnector connector = new ServerConnector(server, http); // added after the listener, as Javalin does
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.start();
        try {
            assertThat(http.getInputBufferSize()).isEqualTo(ConnectorBuffers.INPUT_BUFFER_BYTES);
        } finally {
            server.stop();
        }
    }

    @Test
    void aLargerSizeSetByTheOperatorIsKept() {
        Server server = new Server();
        HttpConnectionFactory http = new HttpConnectionFactory();
        http.setInputBufferSize(4 * ConnectorBuffers.INPUT_BUFFER_BYTES);
        server.addConnector(new ServerConnector(server, http));
        ConnectorBuffers.widen(server);
        assertThat(http.getInputBufferSize()).isEqualTo(4 * ConnectorBuffers.INPUT_BUFFER_BYTES);
    }
}
