package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.client.http.RetryPolicy;
import org.chatvault.client.http.VaultApi;
import org.chatvault.client.local.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultApiObserverTest {
    @TempDir Path dir;

    record Exchange(String endpoint, int status, long nanos) {}

    @Test
    void everyExchangeIsReportedWithItsEndpointTemplateAndStatus() {
        try (TestVault vault = new TestVault(dir)) {
            List<Exchange> seen = new CopyOnWriteArrayList<>();
            try (Session s = vault.create("phone", "olga").session(); LocalStore store = vault.store("phone")) {
                s.api().observe((e, status, nanos) -> seen.add(new Exchange(e, status, nanos)));
                TestVault.generate(store, 5, 3, 300);
                new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
            }
            assertThat(seen).extracting(Exchange::endpoint)
                    .contains("GET /v1/vault/head", "POST /v1/objects/missing", "POST /v1/objects", "POST /v1/vault/commit");
            assertThat(seen).allSatisfy(x -> {
                assertThat(x.status()).isEqualTo(200);
                assertThat(x.nanos()).isPositive();
            });
        }
    }

    @Test
    void refusalsAndUnreachableServersAreReportedToo() {
        List<Exchange> seen = new CopyOnWriteArrayList<>();
        try (TestVault vault = new TestVault(dir)) {
            VaultApi api = new VaultApi(vault.uri(), RetryPolicy.NONE);
            api.observe((e, status, nanos) -> seen.add(new Exchange(e, status, nanos)));
            api.useTokens(new IssuedTokens("bm90LWEtdG9rZW4", Long.MAX_VALUE, "bm90LWEtdG9rZW4", Long.MAX_VALUE, null, 0, null, null), null);
            assertThatThrownBy(api::head).isInstanceOf(ServerRefusedException.class);
        }
        VaultApi gone = new VaultApi(java.net.URI.create("http://127.0.0.1:1/"), new RetryPolicy(2, 1, 1));
        gone.observe((e, status, nanos) -> seen.add(new Exchange(e, status, nanos)));
        gone.useTokens(new IssuedTokens("eA", Long.MAX_VALUE, "eA", Long.MAX_VALUE, null, 0, null, null), null);
        assertThatThrownBy(gone::usage).isInstanceOf(org.chatvault.client.http.TransportException.class);
        assertThat(seen).extracting(Exchange::endpoint, Exchange::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET /v1/vault/head", 401),
                        org.assertj.core.groups.Tuple.tuple("GET /v1/usage", -1), org.assertj.core.groups.Tuple.tuple("GET /v1/usage", -1));
    }
}
