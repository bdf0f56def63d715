package org.chatvault.server.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.chatvault.core.format.Months;
import org.chatvault.server.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The promise of {@link RetentionSchedule}: nothing is deleted that was not announced at least the
 * grace period before. Random subscription histories (buy, renew on time or late, cancel, store grace,
 * on hold, expiry, refunds and revocations reported on time or late, reversals, upgrades and
 * downgrades) go through {@link SubscriptionService}; a lifecycle run every day deletes what
 * {@code keptFrom} says, with what the server knew that day; each month's first deletion must have
 * been announced by {@code expiryOf}, with what the server knew a grace period earlier, for no
 * later than that run.
 */
class RetentionAnnouncementTest {
    private static final Duration GRACE = Duration.ofDays(30);
    private static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2029-01-01T00:00:00Z");
    private static final int FIRST_BUCKET = 202001;
    private static final List<String> PRODUCTS = List.of("chatvault.standard.yearly", "chatvault.standard.monthly",
            "chatvault.forever.yearly", "chatvault.forever.monthly");
    private static final int HISTORIES = Integer.getInteger("chatvault.retention.histories", 150);

    @Test
    void everyDeletionWasAnnouncedAtLeastTheGracePeriodBefore() {
        long seed = Long.getLong("chatvault.retention.seed", System.nanoTime());
        System.out.println("RetentionAnnouncementTest seed=" + seed + " (rerun with -Dchatvault.retention.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        int deletions = 0;
        for (int h = 0; h < HISTORIES; h++) {
            long historySeed = random.nextLong();
            deletions += check(historySeed, "seed " + seed + ", history " + h + " (history seed " + historySeed + ")");
        }
        assertThat(deletions).as("the histories delete something (seed " + seed + ")").isGreaterThan(HISTORIES);
    }

    /** @return how many months the daily runs deleted */
    private static int check(long historySeed, String what) {
        TreeMap<Instant, List<Subscription>> knowledge = history(new SplittableRandom(historySeed));
        int deleted = 0;
        int firstKept = FIRST_BUCKET;
        for (Instant run = START; run.isBefore(END); run = run.plus(Duration.ofDays(1))) {
            int kept = schedule(knowledge, run).keptFrom(run);
            if (kept == 0) continue;
            for (int b = firstKept; b < kept; b = nextMonth(b)) {
                Instant announcedAt = run.minus(GRACE);
                Optional<Instant> announced = schedule(knowledge, announcedAt).expiryOf(b, announcedAt);
                assertThat(announced).as(what + ": month " + b + " deleted by the run of " + run + " was announced on " + announcedAt
                        + "\n" + knowledge).isPresent();
                assertThat(announced.get()).as(what + ": month " + b + " deleted by the run of " + run + ", announced on " + announcedAt
                        + "\n" + knowledge).isBeforeOrEqualTo(run);
                deleted++;
            }
            firstKept = Math.max(firstKept, kept);
        }
        return deleted;
    }

    private static int nextMonth(int yyyymm) {
        return yyyymm % 100 == 12 ? (yyyymm / 100 + 1) * 100 + 1 : yyyymm + 1;
    }

    private static RetentionSchedule schedule(TreeMap<Instant, List<Subscription>> knowledge, Instant t) {
        Map.Entry<Instant, List<Subscription>> known = knowledge.floorEntry(t);
        return RetentionSchedule.of(known == null ? List.of() : known.getValue(), Catalogs.defaults(), GRACE);
    }

    /** What the server knew of one account's subscriptions, from each instant on. */
    private static TreeMap<Instant, List<Subscription>> history(SplittableRandom r) {
        MutableClock clock = new MutableClock(START);
        MemorySubscriptionStore store = new MemorySubscriptionStore();
        SubscriptionService service = new SubscriptionService(store, Catalogs.defaults(), clock);
        TreeMap<Instant, List<Subscription>> knowledge = new TreeMap<>();
        int chains = 0;
        List<Subscription> open = new ArrayList<>();
        while (clock.instant().isBefore(END.minus(Duration.ofDays(400)))) {
            clock.advance(Duration.ofHours(1 + r.nextInt(24 * 120)));
            Instant now = clock.instant();
            open = store.forAccount("acct");
            Subscription s = open.isEmpty() || r.nextInt(5) == 0 ? null : open.get(r.nextInt(open.size()));
            if (s == null) {
                String product = PRODUCTS.get(r.nextInt(PRODUCTS.size()));
                Instant until = now.atZone(ZoneOffset.UTC).plus(product.endsWith("monthly") ? java.time.Period.ofMonths(1) : java.time.Period.ofYears(1)).toInstant();
                service.redeem("acct", new VerifiedPurchase(Provider.GOOGLE, "chain-" + chains++, "acct", product, SubscriptionStatus.ACTIVE, now,
                        until, null, null));
            } else {
                applyRandomEvent(service, s, r, now);
            }
            knowledge.put(now, store.forAccount("acct"));
        }
        return knowledge;
    }

    private static void applyRandomEvent(SubscriptionService service, Subscription s, SplittableRandom r, Instant now) {
        Instant paid = s.paidUntil();
        VerifiedPurchase p;
        SubscriptionEventType type;
        switch (r.nextInt(8)) {
            case 0 -> { // renewal, on time or after a lapse
                type = SubscriptionEventType.RENEWED;
                Instant base = paid.isAfter(now) ? paid : now;
                p = purchase(s, s.productId(), SubscriptionStatus.ACTIVE, base.plus(Duration.ofDays(30 + r.nextInt(335))), null, null);
            }
            case 1 -> {
                type = SubscriptionEventType.RENEWAL_CANCELED;
                p = purchase(s, s.productId(), SubscriptionStatus.CANCELED, paid, null, null);
            }
            case 2 -> {
                type = SubscriptionEventType.STORE_GRACE_STARTED;
                p = purchase(s, s.productId(), SubscriptionStatus.STORE_GRACE, paid, paid.plus(Duration.ofDays(r.nextInt(1, 30))), null);
            }
            case 3 -> {
                type = SubscriptionEventType.ON_HOLD;
                p = purchase(s, s.productId(), SubscriptionStatus.ON_HOLD, paid, null, null);
            }
            case 4 -> {
                type = SubscriptionEventType.EXPIRED;
                p = purchase(s, s.productId(), SubscriptionStatus.EXPIRED, paid, s.storeGraceUntil(), null);
            }
            case 5 -> { // refund or revocation, its time now or reported days late
                type = r.nextBoolean() ? SubscriptionEventType.REFUNDED : SubscriptionEventType.REVOKED;
                Instant ended = now.minus(Duration.ofDays(r.nextInt(0, 20)));
                p = purchase(s, s.productId(), type == SubscriptionEventType.REFUNDED ? SubscriptionStatus.REFUNDED : SubscriptionStatus.REVOKED,
                        paid, null, ended.isBefore(s.startedAt()) ? s.startedAt() : ended);
            }
            case 6 -> {
                type = SubscriptionEventType.REFUND_REVERSED;
                p = purchase(s, s.productId(), SubscriptionStatus.ACTIVE, paid, null, null);
            }
            default -> { // upgrade or downgrade
                type = SubscriptionEventType.PRODUCT_CHANGED;
                p = purchase(s, PRODUCTS.get(r.nextInt(PRODUCTS.size())), s.status(), paid, s.storeGraceUntil(), s.endedAt());
            }
        }
        service.apply(new StoreEvent(type, p, now, null));
    }

    private static VerifiedPurchase purchase(Subscription s, String product, SubscriptionStatus status, Instant paidUntil, Instant storeGrace,
                                             Instant ended) {
        return new VerifiedPurchase(s.provider(), s.providerId(), null, product, status, s.startedAt(), paidUntil, storeGrace, ended);
    }
}
