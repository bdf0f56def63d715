package org.chatvault.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class ServerTrustTest {
    @Test void httpsUsesTheProcessTrustAndPlainHttpAContextThatTrustsNoOne() throws Exception {
        assertThat(ServerTrust.context(URI.create("https://vault.example/"))).isSameAs(ServerTrust.context());

        SSLContext plain = ServerTrust.context(URI.create("http://127.0.0.1:8420/"));
        assertThat(plain).isNotSameAs(ServerTrust.context()).isNotSameAs(SSLContext.getDefault());
        assertThat(ServerTrust.context(URI.create("HTTP://127.0.0.1:8420/"))).isSameAs(plain);
        // Initialised (the HTTP client asks it for its parameters), though never used for a connection.
        SSLEngine engine = plain.createSSLEngine("127.0.0.1", 8420);
        engine.setUseClientMode(true);
        assertThat(engine.getSSLParameters().getProtocols()).isNotEmpty();
    }
}
