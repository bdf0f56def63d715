package org.chatvault.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An account older than the plans kept its whole history until they came: retention cuts nothing of it until
 * a grace period later, and announces that first cut from the start.
 */
class MeteredSinceTest {
    private static final Duration GRACE = Duration.ofDays(30);
    private static final Instant PLANS_CAME = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aFreeAccountOlderThanThePlansLosesNothingUntilAGracePeriodAfterThem() {
        RetentionSchedule old = RetentionSchedule.of(List.of(), Catalogs.defaults(), GRACE, PLANS_CAME);
        RetentionSchedule born = RetentionSchedule.of(List.of(), Catalogs.defaults(), GRACE);

        Instant justBefore = PLANS_CAME.plus(GRACE).minusSeconds(1);
        assertThat(old.keptFrom(PLANS_CAME)).as("everything kept when the plans come").isZero();
        assertThat(old.keptFrom(justBefore)).as("and for a whole grace period").isZero();
        assertThat(born.keptFrom(justBefore)).as("a newer account is under the free window at once").isEqualTo(202612);
        assertThat(old.keptFrom(PLANS_CAME.plus(GRACE))).as("then the free plan's 30 days apply").isEqualTo(202612);
    }

    @Test
    void theFirstCutIsAnnouncedAtTheTimeItHappens() {
        RetentionSchedule old = RetentionSchedule.of(List.of(), Catalogs.defaults(), GRACE, PLANS_CAME);
        assertThat(old.expiryOf(202001, PLANS_CAME)).as("a month years old goes at the end of the notice, not at once")
                .contains(PLANS_CAME.plus(GRACE));
        assertThat(old.expiryOf(202612, PLANS_CAME)).as("a month still in the window goes when it leaves it")
                .contains(Instant.parse("2027-01-31T00:00:00Z"));
    }
}
