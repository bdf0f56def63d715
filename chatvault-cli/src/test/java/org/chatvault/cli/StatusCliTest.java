package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.StoreEvent;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionService;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chatvault status} says plainly what the plan allows and what will be removed when; a lapsed vault refuses backup in words. */
class StatusCliTest extends ConsoleTest {
    @TempDir Path dir;
    private ChatvaultServer server;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() {
        server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(BillingConfig.defaults()), Clock.systemUTC());
        Secrets.environment = env::get;
        env.put("CHATVAULT_PASSWORD", "pw-for-status-tests");
    }

    @AfterEach
    void stop() {
        Secrets.environment = System::getenv;
        server.close();
    }

    private int cli(String... args) {
        out.reset();
        err.reset();
        return Main.run(args);
    }

    private String home() { return dir.resolve("phone").toString(); }

    private VerifiedPurchase purchase(String accountId, SubscriptionStatus status, Instant start, Instant paidUntil, Instant endedAt) {
        return new VerifiedPurchase(Provider.DIRECT, "receipt-status", accountId, "chatvault.standard.yearly", status, start, paidUntil, null, endedAt);
    }

    private static String day(Instant t) { return t.atZone(ZoneOffset.UTC).toLocalDate().toString(); }

    @Test
    void aRefundedSubscriptionMakesBackupRefuseInWordsAndStatusAnnouncesTheCut() {
        assertThat(cli("init", "--home", home(), "--server", server.baseUri().toString(), "--user", "ann")).as(stderr()).isZero();
        assertThat(cli("generate", "--home", home(), "--conversations", "3", "--messages", "400", "--years", "1")).as(stderr()).isZero();
        String accountId = server.metadata().accounts().findAccountByUsername("ann").orElseThrow().accountId();
        Instant bought = Instant.now().minus(Duration.ofDays(20));
        SubscriptionService subscriptions = new SubscriptionService(server.metadata().subscriptions(), server.config().billing().catalogs(),
                Clock.systemUTC());
        subscriptions.redeem(accountId, purchase(accountId, SubscriptionStatus.ACTIVE, bought, bought.plus(Duration.ofDays(365)), null));
        assertThat(cli("backup", "--home", home())).as(stderr()).isZero();

        assertThat(cli("status", "--home", home())).as(stderr()).isZero();
        assertThat(stdout()).contains("plan: Standard (text and media, keeps the last 2 years); ").contains(" of 50 GiB used (0%)")
                .contains("paid until " + day(bought.plus(Duration.ofDays(365))));

        Instant refunded = Instant.now();
        subscriptions.apply(new StoreEvent(SubscriptionEventType.REFUNDED,
                purchase(accountId, SubscriptionStatus.REFUNDED, bought, bought.plus(Duration.ofDays(365)), refunded), refunded, "refunded"));
        Instant cut = refunded.plus(Duration.ofDays(30));

        assertThat(cli("generate", "--home", home(), "--seed", "2", "--conversations", "1", "--messages", "20", "--years", "1")).isZero();
        assertThat(cli("backup", "--home", home())).isEqualTo(ErrorHandler.FAILED);
        assertThat(stderr()).contains("your subscription lapsed on " + day(refunded) + "; the vault is read-only until " + day(cut)
                + "; restore, export and archive still work").contains("vault_read_only").doesNotContain("Exception");

        assertThat(cli("status", "--home", home())).as(stderr()).isZero();
        YearMonth thisMonth = YearMonth.from(refunded.atZone(ZoneOffset.UTC));
        String monthName = thisMonth.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + thisMonth.getYear();
        assertThat(stdout())
                .contains("your subscription lapsed on " + day(refunded) + "; the vault is read-only until " + day(cut)
                        + "; restore and export still work; renew to back up again")
                .containsPattern("[0-9,]+ messages older than " + monthName + " will be removed on " + day(cut) + " unless you renew");
    }

    @Test
    void onTheFreePlanBackupKeepsTheTextAndSaysWhyMediaWasNotBackedUp() {
        assertThat(cli("init", "--home", home(), "--server", server.baseUri().toString(), "--user", "bob")).as(stderr()).isZero();
        assertThat(cli("generate", "--home", home(), "--conversations", "2", "--messages", "300", "--years", "1", "--media-scale", "0.001"))
                .as(stderr()).isZero();

        assertThat(cli("backup", "--home", home())).as(stderr()).isZero();
        assertThat(stdout()).contains("backup: version 1").contains("media: not backed up: your Free plan stores text only")
                .contains("plan_excludes_media");
        assertThat(cli("status", "--home", home())).as(stderr()).isZero();
        assertThat(stdout()).contains("plan: Free (text only, keeps the last 30 days); ").contains(" of 200 MiB used (");
    }
}
