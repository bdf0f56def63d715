package org.chatvault.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stores a server opens from its configuration, and the readiness check over them. */
class ServerStoresTest {
    @TempDir Path dir;

    @Test
    void readyWhileBothStoresAnswerAndNotOnceTheMetadataDatabaseIsGone() {
        try (ServerStores stores = ServerStores.open(ServerConfig.forTesting(dir), dir)) {
            assertThat(stores.unreachable()).isEmpty();
            stores.metadata().close(); // a stopped database: every call now fails
            assertThat(stores.unreachable()).contains("the metadata database is unreachable");
        }
    }
}
