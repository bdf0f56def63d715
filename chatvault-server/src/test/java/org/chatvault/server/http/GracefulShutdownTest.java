package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {
    @TempDir Path dir;

    @Test
    void closeLetsAnUploadInFlightFinish() throws Exception {
        ServerFixture fx = new ServerFixture(dir);
        Api.Session s = fx.api().newSession("alice");
        List<SealedObject> objs = new TestObjects(9).segments(20);
        byte[] batch = TestObjects.batch(objs);
        int half = batch.length / 2;

        // A raw socket, so the test decides exactly when each half of the body is sent.
        try (Socket socket = new Socket("127.0.0.1", fx.server().port())) {
            OutputStream out = socket.getOutputStream();
            StringBuilder signature = new StringBuilder();
            fx.api().signatureHeaders(s.access(), "POST", "/v1/objects", batch).forEach((k, v) -> signature.append("\r\n").append(k).append(": ").append(v));
            out.write(("POST /v1/objects HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + s.access() + signature
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + batch.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(batch, 0, half);
            out.flush();
            Thread.sleep(300); // the server is now in the handler, blocked reading the body

            Thread closer = new Thread(fx::close);
            closer.start();
            Thread.sleep(300);
            assertThat(closer.isAlive()).as("close() waits for the upload").isTrue();

            out.write(batch, half, batch.length - half);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            closer.join(10_000);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"stored\":20");
            assertThat(closer.isAlive()).isFalse();
        }

        try (ServerFixture again = new ServerFixture(dir)) {
            String token = again.api().signedLogin(s).access();
            assertThat(again.api().fetch(token, Api.hex(objs)).body()).isEqualTo(batch);
        }
    }
}
