package org.chatvault.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.Test;

/** What every {@link AuditStore} must do, on every database. */
public abstract class AuditStoreContract extends StoreContractBase {

    @Test
    void eventsComeBackNewestFirstPerAccountAndPaged() {
        String acc = newAccount("alice");
        String other = newAccount("bob");
        for (int i = 0; i < 5; i++) {
            audit.append(new AuditEvent(0, acc, T0.plusSeconds(i), AuditEventType.LOGIN, "dev-" + i, i % 2 == 0 ? null : "detail " + i));
            audit.append(new AuditEvent(0, other, T0.plusSeconds(i), AuditEventType.LOGIN_FAILED, null, null));
        }
        List<AuditEvent> all = audit.list(acc, Long.MAX_VALUE, 100);
        assertThat(all).hasSize(5).extracting(AuditEvent::deviceId).containsExactly("dev-4", "dev-3", "dev-2", "dev-1", "dev-0");
        assertThat(all).extracting(AuditEvent::eventId).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(e -> assertThat(e.accountId()).isEqualTo(acc)).allSatisfy(e -> assertThat(e.type()).isEqualTo(AuditEventType.LOGIN));
        assertThat(all.get(0).at()).isEqualTo(T0.plusSeconds(4));
        assertThat(all.get(0).detail()).isNull();
        assertThat(all.get(1).detail()).isEqualTo("detail 3");

        List<AuditEvent> first = audit.list(acc, Long.MAX_VALUE, 2);
        List<AuditEvent> second = audit.list(acc, first.get(1).eventId(), 2);
        List<AuditEvent> third = audit.list(acc, second.get(1).eventId(), 2);
        assertThat(first).extracting(AuditEvent::deviceId).containsExactly("dev-4", "dev-3");
        assertThat(second).extracting(AuditEvent::deviceId).containsExactly("dev-2", "dev-1");
        assertThat(third).extracting(AuditEvent::deviceId).containsExactly("dev-0");
        assertThat(audit.list(other, Long.MAX_VALUE, 100)).hasSize(5).allSatisfy(e -> assertThat(e.type()).isEqualTo(AuditEventType.LOGIN_FAILED));
    }

    @Test
    void everyEventTypeRoundTrips() {
        String acc = newAccount("alice");
        for (AuditEventType t : AuditEventType.values()) audit.append(new AuditEvent(0, acc, T0, t, null, t.wireName()));
        assertThat(audit.list(acc, Long.MAX_VALUE, 100)).extracting(AuditEvent::type)
                .containsExactlyInAnyOrder(AuditEventType.values());
    }
}
