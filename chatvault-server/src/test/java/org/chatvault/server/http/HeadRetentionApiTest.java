package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.Catalog;
import org.chatvault.server.billing.Catalogs;
import org.chatvault.server.billing.Plan;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.SingleUserApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head announces the retention horizon (docs/API.md "Vault head"): the first month the
 * account's plan keeps now, from the same schedule the lifecycle job deletes by; 0 for everything.
 */
class HeadRetentionApiTest extends SingleUserApiTest {
    @TempDir java.nio.file.Path other;

    @Test
    void aFreeAccountsHeadSaysItsLast30DaysAreKeptAndTheHorizonMovesWithTheClock() {
        // The fixture's clock starts at 2024-01-15T10:00Z; the built-in free plan keeps 30 days.
        assertThat(api.get("v1/vault/head", alice.access()).json().get("keptFrom").asInt()).isEqualTo(202312);
        fx.clock().advance(Duration.ofDays(31)); // 2024-02-15: 30 days back is 2024-01-16
        Api.Session again = api.signedLogin(alice);
        assertThat(api.get("v1/vault/head", again.access()).json().get("keptFrom").asInt()).isEqualTo(202401);
    }

    @Test
    void aPlanThatKeepsEverythingAnnouncesZero() {
        Plan everything = new Plan(Catalog.FREE_PLAN, "Free", true, null, 1L << 40);
        BillingConfig billing = BillingConfig.defaults().withCatalogs(new Catalogs(List.of(new Catalog(1, List.of(everything), List.of()))));
        try (ServerFixture keepAll = new ServerFixture(other, MutableClock.startingAt("2030-06-01T00:00:00Z"), c -> c.withBilling(billing))) {
            Api.Session bob = keepAll.api().newSession("bob");
            var head = keepAll.api().get("v1/vault/head", bob.access()).json();
            assertThat(head.get("keptFrom").isInt()).isTrue();
            assertThat(head.get("keptFrom").asInt()).isZero();
        }
    }

    @Test
    void aThreeYearWindowKeepsFromTheSameMonthThreeYearsBack() {
        Plan free = new Plan(Catalog.FREE_PLAN, "Free", false, Period.ofYears(3), 1L << 30);
        BillingConfig billing = BillingConfig.defaults().withCatalogs(new Catalogs(List.of(new Catalog(1, List.of(free), List.of()))));
        try (ServerFixture threeYears = new ServerFixture(other, MutableClock.startingAt("2026-03-01T00:00:00Z"), c -> c.withBilling(billing))) {
            Api.Session bob = threeYears.api().newSession("bob");
            assertThat(threeYears.api().get("v1/vault/head", bob.access()).json().get("keptFrom").asInt()).isEqualTo(202303);
        }
    }
}
