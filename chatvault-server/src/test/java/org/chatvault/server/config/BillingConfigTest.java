package org.chatvault.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import org.chatvault.server.billing.BillingPeriod;
import org.chatvault.server.billing.Catalog;
import org.chatvault.server.billing.Catalogs;
import org.chatvault.server.billing.Plan;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.testing.TestReceipts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code billing.*} settings: the catalog file, the grace period and direct receipts, each mistake one line. */
class BillingConfigTest {
    private static final String TWO_VERSIONS = """
            [
              {"version": 1,
               "plans": [{"id": "free", "name": "Free", "media": false, "retention": "P30D", "quota": "200MiB"},
                         {"id": "standard", "name": "Standard", "media": true, "retention": "P2Y", "quota": 53687091200}],
               "prices": [{"plan": "standard", "provider": "google", "product": "std.y", "period": "year", "amount": 13000, "currency": "CNY"}]},
              {"version": 2,
               "plans": [{"id": "free", "name": "Free", "media": false, "retention": "P30D", "quota": "100MiB"},
                         {"id": "standard", "name": "Standard", "media": true, "retention": "P2Y", "quota": "60GiB"},
                         {"id": "forever", "name": "Forever", "media": true, "retention": "everything", "quota": "200GiB"}],
               "prices": [{"plan": "standard", "provider": "google", "product": "std.y", "period": "year", "amount": 15000, "currency": "CNY"},
                          {"plan": "forever", "provider": "apple", "product": "fv.m", "period": "month", "amount": 3800, "currency": "CNY"}]}
            ]
            """;

    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private ServerConfig load(Map<String, String> env) {
        return ServerConfig.load(null, env);
    }

    @Test
    void withoutSettingsTheBuiltInCatalogAndThirtyDaysOfGraceApply() {
        ServerConfig c = load(Map.of());
        assertThat(c.billing().catalogs()).isEqualTo(Catalogs.defaults());
        assertThat(c.billing().gracePeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(c.billing().direct()).isNull();
    }

    @Test
    void unmeteredPlansKeepEverythingWithoutAQuotaAndExcludeACatalogFile() throws IOException {
        ServerConfig c = load(Map.of("CHATVAULT_BILLING_PLANS", "unmetered"));
        Plan free = c.billing().catalogs().current().free();
        assertThat(free.media()).isTrue();
        assertThat(free.keepsEverything()).isTrue();
        assertThat(free.quotaBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(load(Map.of("CHATVAULT_BILLING_PLANS", "catalog")).billing().catalogs()).isEqualTo(Catalogs.defaults());

        Path f = write("catalog.json", TWO_VERSIONS);
        assertThatThrownBy(() -> load(Map.of("CHATVAULT_BILLING_PLANS", "unmetered", "CHATVAULT_BILLING_CATALOG_FILE", f.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set one of the two");
        assertThatThrownBy(() -> load(Map.of("CHATVAULT_BILLING_PLANS", "free")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("neither 'catalog' nor 'unmetered'");
    }

    @Test
    void theCatalogFileGivesEveryVersionWithItsPlansAndPrices() throws IOException {
        Path f = write("catalog.json", TWO_VERSIONS);
        ServerConfig c = load(Map.of("CHATVAULT_BILLING_CATALOG_FILE", f.toString(), "CHATVAULT_BILLING_GRACE_PERIOD", "14d"));
        Catalogs catalogs = c.billing().catalogs();
        assertThat(catalogs.versions()).extracting(Catalog::version).containsExactly(1, 2);
        Catalog current = catalogs.current();
        assertThat(current.version()).isEqualTo(2);
        assertThat(current.free().quotaBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(current.plan("forever")).get().extracting(Plan::retention).isNull();
        assertThat(current.plan("standard")).get().extracting(Plan::retention).isEqualTo(Period.ofYears(2));
        assertThat(current.product(Provider.APPLE, "fv.m")).get().satisfies(p -> {
            assertThat(p.planId()).isEqualTo("forever");
            assertThat(p.period()).isEqualTo(BillingPeriod.MONTH);
            assertThat(p.amountMinor()).isEqualTo(3800);
        });
        // The old version keeps its own terms for subscriptions bought under it.
        assertThat(catalogs.version(1).orElseThrow().product(Provider.GOOGLE, "std.y").orElseThrow().amountMinor()).isEqualTo(13000);
        assertThat(catalogs.version(1).orElseThrow().plan("standard").orElseThrow().quotaBytes()).isEqualTo(50L * 1024 * 1024 * 1024);
        assertThat(c.billing().gracePeriod()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void eachCatalogMistakeIsOneLineNamingWhere() throws IOException {
        assertRefused("not json", "is not JSON");
        assertRefused("{}", "must be a JSON list of catalog versions");
        assertRefused(TWO_VERSIONS.replace("\"quota\": \"60GiB\"", "\"quota\": \"lots\""), "version 2, plan 'standard': 'quota'");
        assertRefused(TWO_VERSIONS.replace("\"quota\": \"60GiB\"", "\"quota\": 0"), "version 2, plan 'standard': 'quota' must be more than zero");
        assertRefused(TWO_VERSIONS.replace("\"retention\": \"P2Y\", \"quota\": \"60GiB\"", "\"retention\": \"two years\", \"quota\": \"60GiB\""),
                "plan 'standard': 'retention'");
        assertRefused(TWO_VERSIONS.replace("\"provider\": \"apple\"", "\"provider\": \"huawei\""), "product 'fv.m': unknown billing provider 'huawei'");
        assertRefused(TWO_VERSIONS.replace("\"period\": \"month\"", "\"period\": \"week\""), "product 'fv.m': 'period' must be month or year");
        assertRefused(TWO_VERSIONS.replace("\"amount\": 3800", "\"amount\": -1"), "product 'fv.m': 'amount'");
        assertRefused(TWO_VERSIONS.replace("\"amount\": 3800", "\"amount\": 3800, \"amuont\": 1"), "unknown field 'amuont'");
        assertRefused(TWO_VERSIONS.replace("\"plan\": \"forever\"", "\"plan\": \"platinum\""), "buys unknown plan platinum");
        assertRefused(TWO_VERSIONS.replace("{\"id\": \"free\", \"name\": \"Free\", \"media\": false, \"retention\": \"P30D\", \"quota\": \"100MiB\"},", ""),
                "catalog 2 has no plan 'free'");
        assertRefused(TWO_VERSIONS.replace("\"version\": 2", "\"version\": 1"), "catalog version 1 twice");
        assertRefused(TWO_VERSIONS.replace("\"currency\": \"CNY\"}]}\n]", "\"currency\": \"yuan\"}]}\n]"), "ISO 4217");
        ConfigException missing = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> load(Map.of("CHATVAULT_BILLING_CATALOG_FILE", dir.resolve("absent.json").toString())));
        assertThat(missing.getMessage()).contains("absent.json").contains("does not exist").doesNotContain("\n");
    }

    private void assertRefused(String catalog, String why) throws IOException {
        Path f = write("bad.json", catalog);
        assertThatThrownBy(() -> load(Map.of("CHATVAULT_BILLING_CATALOG_FILE", f.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(f.toString()).hasMessageContaining("CHATVAULT_BILLING_CATALOG_FILE")
                .hasMessageContaining(why).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void directReceiptsNeedAReadableKeyOfTheRightKind() throws IOException {
        ServerConfig c = load(Map.of("CHATVAULT_BILLING_DIRECT_PUBLIC_KEY", TestReceipts.settings(dir).publicKey().toString()));
        assertThat(c.billing().direct().issuer()).isEqualTo("chatvault-billing");
        Path rsa = TestReceipts.writePem(dir.resolve("rsa.pem"), "PUBLIC KEY", TestReceipts.newKeyPair("RSA").getPublic());
        assertThatThrownBy(() -> load(Map.of("CHATVAULT_BILLING_DIRECT_PUBLIC_KEY", rsa.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CHATVAULT_BILLING_DIRECT_PUBLIC_KEY").hasMessageContaining("EC P-256");
        assertThatThrownBy(() -> load(Map.of("CHATVAULT_BILLING_DIRECT_PUBLIC_KEY", dir.resolve("none.pem").toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> load(Map.of("CHATVAULT_BILLING_DIRECT_ISSUER", "ops")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("billing.direct.public-key");
        assertThatThrownBy(() -> load(Map.of("CHATVAULT_BILLING_GRACE_PERIOD", "PT-24H")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must not be negative");
    }
}
