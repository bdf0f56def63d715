package org.chatvault.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.Test;

/** What every {@link DeviceStore} must do, on every database. */
public abstract class DeviceStoreContract extends StoreContractBase {

    private DeviceRecord newDevice(String account, String name, Instant at) {
        DeviceRecord d = new DeviceRecord(account, UUID.randomUUID().toString(), name, "cli", bytes(32), null, at, at, null, null);
        devices.create(d);
        return d;
    }

    @Test
    void devicesAreCreatedFoundAndListedPerAccount() {
        String acc = newAccount("alice");
        String other = newAccount("bob");
        DeviceRecord phone = newDevice(acc, "phone", T0);
        DeviceRecord laptop = newDevice(acc, "laptop", T0.plusSeconds(60));
        newDevice(other, "bob's phone", T0);
        DeviceRecord found = devices.find(acc, phone.deviceId()).orElseThrow();
        assertThat(found.name()).isEqualTo("phone");
        assertThat(found.kind()).isEqualTo("cli");
        assertThat(found.credentialHash()).isEqualTo(phone.credentialHash());
        assertThat(found.publicKey()).isNull();
        assertThat(found.addedAt()).isEqualTo(T0);
        assertThat(found.lastSeenAt()).isEqualTo(T0);
        assertThat(found.approvalRequestedAt()).isNull();
        assertThat(found.revoked()).isFalse();
        assertThat(devices.find(other, phone.deviceId())).isEmpty(); // another account cannot reach it
        assertThat(devices.listActive(acc)).extracting(DeviceRecord::name).containsExactly("phone", "laptop");

        assertThat(devices.rename(acc, laptop.deviceId(), "work laptop")).isTrue();
        assertThat(devices.rename(other, laptop.deviceId(), "stolen")).isFalse();
        assertThat(devices.find(acc, laptop.deviceId()).orElseThrow().name()).isEqualTo("work laptop");

        devices.touch(acc, phone.deviceId(), T0.plusSeconds(500));
        devices.touch(acc, phone.deviceId(), T0.plusSeconds(100)); // never backwards
        assertThat(devices.find(acc, phone.deviceId()).orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(500));
    }

    @Test
    void aRevokedDeviceStaysButLeavesTheListAndCannotChange() {
        String acc = newAccount("alice");
        DeviceRecord phone = newDevice(acc, "phone", T0);
        assertThat(devices.revoke(newAccount("bob"), phone.deviceId(), T0)).isFalse();
        assertThat(devices.revoke(acc, phone.deviceId(), T0.plusSeconds(9))).isTrue();
        assertThat(devices.revoke(acc, phone.deviceId(), T0.plusSeconds(10))).isFalse();
        assertThat(devices.find(acc, phone.deviceId()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(devices.listActive(acc)).isEmpty();
        assertThat(devices.rename(acc, phone.deviceId(), "x")).isFalse();
        assertThat(devices.requestApproval(acc, phone.deviceId(), bytes(32), T0)).isFalse();
    }

    @Test
    void approvalCompletesOnceForTheSameKeyBeforeItExpires() {
        String acc = newAccount("alice");
        DeviceRecord tablet = newDevice(acc, "tablet", T0);
        byte[] key = bytes(32);
        Instant asked = T0.plusSeconds(60);
        assertThat(devices.completeApproval(acc, tablet.deviceId(), key, T0)).isFalse(); // nothing asked yet
        assertThat(devices.requestApproval(acc, tablet.deviceId(), key, asked)).isTrue();
        DeviceRecord waiting = devices.find(acc, tablet.deviceId()).orElseThrow();
        assertThat(waiting.publicKey()).isEqualTo(key);
        assertThat(waiting.approvalRequestedAt()).isEqualTo(asked);
        assertThat(devices.completeApproval(acc, tablet.deviceId(), bytes(32), T0)).as("another key").isFalse();
        assertThat(devices.completeApproval(acc, tablet.deviceId(), key, asked)).as("expired").isFalse();
        assertThat(devices.completeApproval(acc, tablet.deviceId(), key, asked.minus(Duration.ofMinutes(15)))).isTrue();
        assertThat(devices.completeApproval(acc, tablet.deviceId(), key, T0)).as("twice").isFalse();
        DeviceRecord approved = devices.find(acc, tablet.deviceId()).orElseThrow();
        assertThat(approved.approvalRequestedAt()).isNull();
        assertThat(approved.publicKey()).isEqualTo(key);
    }

    @Test
    void concurrentApprovalsOfOneRequestLetExactlyOneWin() throws Exception {
        String acc = newAccount("alice");
        DeviceRecord tablet = newDevice(acc, "tablet", T0);
        byte[] key = bytes(32);
        assertThat(devices.requestApproval(acc, tablet.deviceId(), key, T0.plusSeconds(1))).isTrue();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) results.add(pool.submit(() -> devices.completeApproval(acc, tablet.deviceId(), key, T0)));
            int won = 0;
            for (Future<Boolean> f : results) if (f.get()) won++;
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
