package org.chatvault.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.Test;

/** What every {@link SubscriptionStore} must do, on every database. */
public abstract class SubscriptionStoreContract extends StoreContractBase {
    private static final Instant PAID = T0.plusSeconds(365L * 86400);

    private SubscriptionStore subs() { return stores.subscriptions(); }

    private static Subscription sub(String account, Provider provider, String providerId) {
        return new Subscription(UUID.randomUUID().toString(), account, provider, providerId, 1, "chatvault.standard.yearly", "standard",
                SubscriptionStatus.ACTIVE, T0, PAID, null, null, T0);
    }

    private static SubscriptionEvent event(Subscription s, SubscriptionEventType type, Instant at, String detail) {
        return new SubscriptionEvent(s.id(), s.accountId(), type, at, at, detail);
    }

    @Test
    void anAccountCreatedUnderThePlansHasNoNoticeFloorAndAnUnknownOneNeither() {
        String alice = newAccount("alice");
        assertThat(subs().meteredSince(alice)).as("migration V18 dates only accounts older than it").isEqualTo(Instant.MIN);
        assertThat(subs().meteredSince("no-such-account")).isEqualTo(Instant.MIN);
    }

    @Test
    void aPurchaseChainIsRedeemedOnceAcrossAllAccounts() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        Subscription s = sub(alice, Provider.APPLE, "txn-1");
        assertThat(subs().redeem(s, event(s, SubscriptionEventType.REDEEMED, T0, "first"))).isEqualTo(SubscriptionStore.Redeemed.NEW);
        Subscription again = sub(alice, Provider.APPLE, "txn-1");
        assertThat(subs().redeem(again, event(again, SubscriptionEventType.REDEEMED, T0, "again"))).isEqualTo(SubscriptionStore.Redeemed.ALREADY_THIS_ACCOUNT);
        Subscription stolen = sub(bob, Provider.APPLE, "txn-1");
        assertThat(subs().redeem(stolen, event(stolen, SubscriptionEventType.REDEEMED, T0, "stolen"))).isEqualTo(SubscriptionStore.Redeemed.OTHER_ACCOUNT);
        // The same id at another store is another purchase.
        Subscription play = sub(bob, Provider.GOOGLE, "txn-1");
        assertThat(subs().redeem(play, event(play, SubscriptionEventType.REDEEMED, T0, null))).isEqualTo(SubscriptionStore.Redeemed.NEW);

        assertThat(subs().find(Provider.APPLE, "txn-1")).contains(s);
        assertThat(subs().forAccount(alice)).containsExactly(s);
        assertThat(subs().forAccount(bob)).containsExactly(play);
        assertThat(subs().history(alice, 10)).extracting(SubscriptionEvent::detail).containsExactly("first");
        assertThat(subs().history(bob, 10)).hasSize(1).allSatisfy(e -> assertThat(e.detail()).isNull());
        assertThat(subs().find(Provider.DIRECT, "txn-1")).isEmpty();
    }

    @Test
    void concurrentRedeemsOfOneChainLinkItToExactlyOneAccount() throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 6; i++) accounts.add(newAccount("user" + i));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SubscriptionStore.Redeemed>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(accounts.size())) {
            for (String a : accounts) results.add(pool.submit(() -> {
                go.await();
                Subscription s = sub(a, Provider.GOOGLE, "token-race");
                return subs().redeem(s, event(s, SubscriptionEventType.REDEEMED, T0, null));
            }));
            go.countDown();
            List<SubscriptionStore.Redeemed> outcomes = new ArrayList<>();
            for (Future<SubscriptionStore.Redeemed> f : results) outcomes.add(f.get());
            assertThat(outcomes).filteredOn(o -> o == SubscriptionStore.Redeemed.NEW).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o == SubscriptionStore.Redeemed.OTHER_ACCOUNT).hasSize(accounts.size() - 1);
        }
        String owner = subs().find(Provider.GOOGLE, "token-race").orElseThrow().accountId();
        for (String a : accounts) assertThat(subs().forAccount(a)).hasSize(a.equals(owner) ? 1 : 0);
    }

    @Test
    void anUpdateIsWrittenOnlyOverTheStateItWasMadeFrom() {
        String alice = newAccount("alice");
        Subscription s = sub(alice, Provider.APPLE, "txn-2");
        subs().redeem(s, event(s, SubscriptionEventType.REDEEMED, T0, null));
        Instant later = T0.plusSeconds(60);
        Subscription refunded = new Subscription(s.id(), alice, s.provider(), s.providerId(), 1, "chatvault.forever.yearly", "forever",
                SubscriptionStatus.REFUNDED, s.startedAt(), PAID, T0.plusSeconds(30), later, later, "standard", T0.plusSeconds(20));
        assertThat(subs().update(refunded, s.updatedAt(), event(s, SubscriptionEventType.REFUNDED, later, "refund"))).isTrue();
        // A second writer that read the old row loses, and writes no history line.
        Subscription stale = new Subscription(s.id(), alice, s.provider(), s.providerId(), 1, s.productId(), s.planId(), SubscriptionStatus.ACTIVE,
                s.startedAt(), PAID.plusSeconds(1), null, null, later.plusSeconds(1));
        assertThat(subs().update(stale, s.updatedAt(), event(s, SubscriptionEventType.RENEWED, later, "stale"))).isFalse();

        assertThat(subs().find(Provider.APPLE, "txn-2")).contains(refunded);
        assertThat(subs().history(alice, 10)).extracting(SubscriptionEvent::type)
                .containsExactly(SubscriptionEventType.REFUNDED, SubscriptionEventType.REDEEMED);
        reopen();
        assertThat(subs().forAccount(alice)).containsExactly(refunded);
    }

    @Test
    void historyIsNewestFirstBoundedAndEveryTypeRoundTrips() {
        String alice = newAccount("alice");
        Subscription s = sub(alice, Provider.DIRECT, "receipt-1");
        subs().redeem(s, event(s, SubscriptionEventType.REDEEMED, T0, null));
        Instant updated = s.updatedAt();
        int i = 0;
        for (SubscriptionEventType t : SubscriptionEventType.values()) {
            Instant at = T0.plusSeconds(++i);
            Subscription next = new Subscription(s.id(), alice, s.provider(), s.providerId(), 1, s.productId(), s.planId(), s.status(), s.startedAt(),
                    PAID, null, null, at);
            assertThat(subs().update(next, updated, event(s, t, at, t.name()))).isTrue();
            updated = at;
        }
        List<SubscriptionEvent> all = subs().history(alice, 100);
        assertThat(all).hasSize(SubscriptionEventType.values().length + 1);
        assertThat(all.getFirst().type()).isEqualTo(SubscriptionEventType.values()[SubscriptionEventType.values().length - 1]);
        assertThat(all.getLast().type()).isEqualTo(SubscriptionEventType.REDEEMED);
        assertThat(all).extracting(SubscriptionEvent::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(subs().history(alice, 3)).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(all.subList(0, all.size() - 1)).extracting(SubscriptionEvent::type).containsExactlyInAnyOrder(SubscriptionEventType.values());
        assertThat(subs().history(newAccount("bob"), 100)).isEmpty();
    }

    @Test
    void subscriptionsOfAnAccountComeOldestFirstWithEveryStatus() {
        String alice = newAccount("alice");
        List<Subscription> made = new ArrayList<>();
        int i = 0;
        for (SubscriptionStatus status : SubscriptionStatus.values()) {
            Instant start = T0.plusSeconds(1000L * i++);
            Subscription s = new Subscription(UUID.randomUUID().toString(), alice, Provider.GOOGLE, "token-" + status, 1, "chatvault.forever.monthly",
                    "forever", status, start, start.plusSeconds(500), status == SubscriptionStatus.STORE_GRACE ? start.plusSeconds(900) : null,
                    status == SubscriptionStatus.REFUNDED ? start.plusSeconds(10) : null, start);
            subs().redeem(s, event(s, SubscriptionEventType.REDEEMED, start, null));
            made.add(s);
        }
        assertThat(subs().forAccount(alice)).containsExactlyElementsOf(made);
    }
}
