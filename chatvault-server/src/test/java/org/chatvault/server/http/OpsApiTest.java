package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.config.ObjectBackend;
import org.chatvault.server.store.s3.S3Settings;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.S3TestServer;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class OpsApiTest {
    @TempDir Path dir;

    @Test
    void healthAndMetrics() {
        try (ServerFixture fx = new ServerFixture(dir)) {
            Api api = fx.api();
            Api.Response health = api.get("healthz", null);
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("ok");

            Session s = api.newSession("alice");
            List<SealedObject> objs = new TestObjects(1).segments(2);
            api.upload(s.access(), objs);
            api.fetch(s.access(), Api.hex(objs));
            api.get("v1/keyslots/whatever", s.access());

            Api.Response metrics = api.get("metrics", null);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.contentType()).startsWith("text/plain");
            assertThat(metrics.text())
                    .contains("http_server_requests_seconds_count{method=\"POST\",route=\"/v1/objects\",status=\"200\"} 1")
                    .contains("route=\"/v1/sessions\"")
                    .contains("chatvault_stored_objects_total 2.0")
                    .contains("chatvault_fetch_objects_total 2.0")
                    .contains("jvm_memory_used_bytes")
                    .doesNotContain("route=\"/v1/keyslots/whatever\"");
        }
    }

    @Test
    void readyOnlyWhileTheObjectStoreAnswers() throws Exception {
        try (S3TestServer s3 = S3TestServer.inMemory()) {
            S3Settings bucket = s3.newBucket();
            try (ServerFixture fx = new ServerFixture(dir, c -> c.withObjects(new ObjectBackend.S3(bucket)))) {
                Api.Response ready = fx.api().get("readyz", null);
                assertThat(ready.status()).isEqualTo(200);
                assertThat(ready.json().get("status").asText()).isEqualTo("ready");

                s3.close(); // the object store goes away under a running server
                Api.Response notReady = fx.api().get("readyz", null);
                assertThat(notReady.status()).isEqualTo(503);
                assertThat(notReady.json().get("error").asText()).isEqualTo("not_ready");
                assertThat(notReady.json().get("message").asText()).isEqualTo("the object store is unreachable");
                assertThat(fx.api().get("healthz", null).status()).as("alive, only not ready").isEqualTo(200);
            }
        }
    }

    @Test
    void logsNeverHoldTokensSecretsOrBlobs() {
        Logger root = (Logger) LoggerFactory.getLogger("org.chatvault");
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        try (ServerFixture fx = new ServerFixture(dir)) {
            Api api = fx.api();
            Session s = api.newSession("alice");
            api.login("alice", Api.newSecret()); // a failed login
            String slotBlob = Base64.getEncoder().encodeToString("wrapped-master-key".getBytes());
            api.json("PUT", "v1/keyslots/recovery", s.access(), Map.of("kind", "recovery", "blob", slotBlob));
            api.post("v1/sessions/refresh", null, Map.of("refreshToken", s.refresh()));
            api.get("v1/usage", "x" + s.access());
            api.upload(s.access(), new TestObjects(2).segments(1));

            assertThat(captured.list).isNotEmpty();
            for (ILoggingEvent e : captured.list) {
                String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
                assertThat(line).doesNotContain(s.access()).doesNotContain(s.refresh()).doesNotContain(s.secret()).doesNotContain(slotBlob);
            }
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
        }
    }
}
