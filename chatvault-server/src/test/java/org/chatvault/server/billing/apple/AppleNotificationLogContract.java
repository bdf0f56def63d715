package org.chatvault.server.billing.apple;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.chatvault.server.store.sql.SqlAppleNotificationLog;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AppleNotificationLog} on each database: a notification is noted once, and a chain's newest signing time is found. */
public abstract class AppleNotificationLogContract extends StoreContractBase {
    private AppleNotificationLog log;

    @BeforeEach
    void openLog() {
        log = new SqlAppleNotificationLog(stores.database());
    }

    @Test
    void aNotificationIsNotedOnce() {
        assertThat(log.seen("n-1")).isFalse();
        assertThat(log.record("n-1", "1000", T0, T0.plusSeconds(5))).isTrue();
        assertThat(log.seen("n-1")).isTrue();
        assertThat(log.record("n-1", "1000", T0.plusSeconds(60), T0.plusSeconds(65))).as("noted again").isFalse();
        assertThat(log.newestSigned("1000")).contains(T0); // the second noting changed nothing
        assertThat(log.seen("n-2")).isFalse();
    }

    @Test
    void theNewestSigningTimeIsPerChainAndSurvivesAReopen() {
        assertThat(log.newestSigned("1000")).isEmpty();
        log.record("a", "1000", T0.plus(Duration.ofDays(2)), T0);
        log.record("b", "1000", T0, T0);
        log.record("c", "2000", T0.plus(Duration.ofDays(9)), T0);
        log.record("test", null, T0.plus(Duration.ofDays(30)), T0); // a test notification: no chain
        assertThat(log.newestSigned("1000")).contains(T0.plus(Duration.ofDays(2)));
        assertThat(log.newestSigned("2000")).contains(T0.plus(Duration.ofDays(9)));
        reopen();
        log = new SqlAppleNotificationLog(stores.database());
        assertThat(log.seen("b")).isTrue();
        assertThat(log.seen("test")).isTrue();
        assertThat(log.newestSigned("1000")).contains(T0.plus(Duration.ofDays(2)));
    }
}
