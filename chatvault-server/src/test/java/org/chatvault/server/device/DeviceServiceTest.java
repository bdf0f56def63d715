package org.chatvault.server.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import org.chatvault.server.account.AccountException;
import org.chatvault.server.account.DeviceAttachment;
import org.chatvault.server.account.DeviceHello;
import org.chatvault.server.account.KeySlotService;
import org.chatvault.server.account.Principal;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.testing.SqlTestDatabase;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devices' side of a login ({@link org.chatvault.server.account.DeviceGate}), including the
 * known-device answer the login throttle can ask before the password hash.
 */
class DeviceServiceTest extends StoreContractBase {
    @TempDir Path dir;
    private DeviceService service;
    private String account;

    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.sqlite(dir.resolve("metadata.db")); }

    @BeforeEach
    void service() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        AuditLog audit = new AuditLog(this.audit, clock);
        service = new DeviceService(devices, accounts, new KeySlotService(accounts, clock, audit), audit, clock, new SecureRandom());
        account = newAccount("alice");
    }

    @Test
    void aKnownDeviceIsOneWithItsRightCredentialThatIsNotRevoked() {
        DeviceAttachment phone = service.attach(account, new DeviceHello(null, null, "phone", "android"), T0);
        assertThat(phone.isNew()).isTrue();
        DeviceHello right = new DeviceHello(phone.deviceId(), phone.credential(), null, null);
        assertThat(service.isKnownDevice(account, right)).isTrue();
        assertThat(service.isKnownDevice(newAccount("bob"), right)).as("another account's").isFalse();
        assertThat(service.isKnownDevice(account, new DeviceHello(phone.deviceId(), "x".repeat(43), null, null))).isFalse();
        assertThat(service.isKnownDevice(account, new DeviceHello(phone.deviceId(), null, null, null))).isFalse();
        assertThat(service.isKnownDevice(account, DeviceHello.NEW)).isFalse();
        assertThat(service.attach(account, right, T0)).isEqualTo(new DeviceAttachment(phone.deviceId(), null));

        service.revoke(new Principal(account, "s", phone.deviceId()), phone.deviceId());
        assertThat(service.isKnownDevice(account, right)).isFalse();
        assertThat(service.isActive(account, phone.deviceId())).isFalse();
        assertThatThrownBy(() -> service.attach(account, right, T0)).isInstanceOf(DeviceException.Revoked.class);
        assertThatThrownBy(() -> service.attach(account, new DeviceHello(phone.deviceId(), "y".repeat(43), null, null), T0))
                .isInstanceOf(AccountException.BadCredentials.class);
        assertThat(service.isActive(account, null)).as("a session older than devices").isTrue();
        assertThat(audit.list(account, Long.MAX_VALUE, 10)).extracting(e -> e.type())
                .containsExactly(AuditEventType.DEVICE_REVOKED, AuditEventType.DEVICE_ADDED);
    }

    @Test
    void theCredentialIsStoredOnlyAsAHash() {
        DeviceAttachment d = service.attach(account, DeviceHello.NEW, T0);
        DeviceRecord stored = devices.find(account, d.deviceId()).orElseThrow();
        assertThat(d.credential()).matches("[A-Za-z0-9_-]{43}");
        assertThat(stored.credentialHash()).hasSize(32).isEqualTo(DeviceCredentials.hash(d.credential()));
        assertThat(new String(stored.credentialHash(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(d.credential());
        assertThat(stored.name()).isEqualTo("unnamed device");
        assertThat(stored.kind()).isEqualTo("other");
    }
}
