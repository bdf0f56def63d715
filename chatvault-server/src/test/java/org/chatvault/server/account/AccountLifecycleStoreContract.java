package org.chatvault.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionEvent;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.SubscriptionStore;
import org.chatvault.server.testing.StoreContractBase;
import org.chatvault.server.vault.ExpiredObjects;
import org.chatvault.server.vault.NewPack;
import org.chatvault.server.vault.ObjectEntry;
import org.junit.jupiter.api.Test;

/** {@link AccountLifecycleStore} and the retention cut of the object index, run against each database. */
public abstract class AccountLifecycleStoreContract extends StoreContractBase {

    private AccountLifecycleStore lifecycle() { return stores.lifecycle(); }

    /** Indexes one pack of {@code n} segments of 100 bytes in {@code bucket}; returns its storage key. */
    private String pack(String account, int bucket, int n) {
        String packId = UUID.randomUUID().toString();
        List<ObjectEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) entries.add(new ObjectEntry(newId(), bucket == 0 ? ObjectKind.ROOT_MANIFEST : ObjectKind.SEGMENT, bucket,
                4 + 141L * i + 41, 100));
        String key = "packs/" + account + "/" + packId;
        index.indexPacks(account, List.of(new NewPack(packId, bucket, key, 4 + 141L * n, entries)), T0);
        return key;
    }

    @Test
    void aNewAccountIsDeletedAfterTwelveMonthsUnusedUnlessItChoosesOtherwise() {
        String id = newAccount("ann");
        AccountStanding s = lifecycle().standing(id).orElseThrow();
        assertThat(s).extracting("inactivityMonths", "lastActiveAt", "deletionRequestedAt").containsExactly(12, T0, null);
        assertThat(s.deleteIfUnusedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(s.deletedBy(Instant.parse("2025-03-01T11:59:59Z"))).isFalse();
        assertThat(s.deletedBy(s.deleteIfUnusedAt())).isTrue();

        assertThat(lifecycle().setInactivityMonths(id, 3)).isTrue();
        assertThat(lifecycle().standing(id).orElseThrow().deleteIfUnusedAt()).isEqualTo(Instant.parse("2024-06-01T12:00:00Z"));
        assertThat(lifecycle().setInactivityMonths("no-such-account", 3)).isFalse();
        assertThat(lifecycle().standing("no-such-account")).isEmpty();
    }

    @Test
    void activityIsWrittenOncePerPeriod() {
        String id = newAccount("ann");
        Instant t1 = T0.plus(Duration.ofDays(10));
        assertThat(lifecycle().recordActivity(id, t1, t1.minus(Duration.ofHours(1)))).isTrue();
        Instant t2 = t1.plus(Duration.ofMinutes(30));
        assertThat(lifecycle().recordActivity(id, t2, t2.minus(Duration.ofHours(1)))).as("written half an hour ago").isFalse();
        assertThat(lifecycle().standing(id).orElseThrow().lastActiveAt()).isEqualTo(t1);
        Instant t3 = t1.plus(Duration.ofHours(2));
        assertThat(lifecycle().recordActivity(id, t3, t3.minus(Duration.ofHours(1)))).isTrue();
        assertThat(lifecycle().standing(id).orElseThrow().lastActiveAt()).isEqualTo(t3);
    }

    @Test
    void anAccountFoundUnusedIsKeptIfItWasUsedMeanwhile() {
        String id = newAccount("ann");
        Instant seen = T0.plus(Duration.ofDays(400));
        assertThat(lifecycle().recordActivity(id, seen, seen)).isTrue();
        assertThat(lifecycle().requestDeletionIfUnusedSince(id, T0, seen.plusSeconds(1))).as("used after the run read it").isFalse();
        assertThat(accounts.deletedAt(id)).isEmpty();
        assertThat(lifecycle().requestDeletionIfUnusedSince(id, seen, seen.plusSeconds(1))).isTrue();
        assertThat(accounts.deletedAt(id)).contains(seen.plusSeconds(1));
    }

    @Test
    void deletionEndsEverySessionAtOnceAndOnlyOnce() {
        String id = newAccount("ann");
        String other = newAccount("bob");
        TokenRecord access = token(id, "s1", TokenKind.ACCESS, T0.plus(Duration.ofHours(1)));
        TokenRecord refresh = token(id, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(30)));
        TokenRecord bobs = token(other, "s2", TokenKind.ACCESS, T0.plus(Duration.ofHours(1)));
        accounts.insertTokens(List.of(access, refresh, bobs));
        assertThat(accounts.deletedAt(id)).isEmpty();

        assertThat(lifecycle().requestDeletion(id, T0)).isTrue();
        assertThat(accounts.findToken(access.tokenHash())).isEmpty();
        assertThat(accounts.findToken(refresh.tokenHash())).isEmpty();
        assertThat(accounts.findToken(bobs.tokenHash())).as("another account's session").isPresent();
        assertThat(accounts.deletedAt(id)).contains(T0);
        assertThat(lifecycle().standing(id).orElseThrow().deletionRequestedAt()).isEqualTo(T0);
        assertThat(lifecycle().requestDeletion(id, T0.plusSeconds(5))).as("deleted already").isFalse();
        assertThat(lifecycle().recordActivity(id, T0.plusSeconds(9), T0.plusSeconds(8))).as("a deleted account is not active").isFalse();
        assertThat(lifecycle().setInactivityMonths(id, 1)).isFalse();
    }

    @Test
    void aPurgeRemovesEveryRowOfADeletedAccountButItsSubscriptionAndTouchesNoOther() {
        String id = newAccount("ann");
        String other = newAccount("bob");
        String key1 = pack(id, 202301, 3);
        String key2 = pack(id, 0, 1);
        String bobsKey = pack(other, 202301, 2);
        accounts.insertTokens(List.of(token(id, "s1", TokenKind.ACCESS, T0.plus(Duration.ofHours(1)))));
        accounts.putKeySlot(id, new KeySlotRecord("recovery", "recovery", bytes(40), T0));
        audit.append(new org.chatvault.server.audit.AuditEvent(0, id, T0, org.chatvault.server.audit.AuditEventType.LOGIN, null, null));
        SubscriptionStore subs = stores.subscriptions();
        Subscription sub = new Subscription("sub-1", id, Provider.DIRECT, "receipt-1", 1, "direct.forever", "forever", SubscriptionStatus.ACTIVE,
                T0, T0.plus(Duration.ofDays(365)), null, null, T0);
        assertThat(subs.redeem(sub, new SubscriptionEvent("sub-1", id, SubscriptionEventType.REDEEMED, T0, T0, null)))
                .isEqualTo(SubscriptionStore.Redeemed.NEW);

        assertThat(lifecycle().purgeDeleted(id)).as("a live account is never purged").isEmpty();
        assertThat(lifecycle().packKeys(id)).containsExactlyInAnyOrder(key1, key2);

        assertThat(lifecycle().requestDeletion(id, T0)).isTrue();
        AccountLifecycleStore.PurgedAccount purged = lifecycle().purgeDeleted(id).orElseThrow();
        assertThat(purged.objects()).isEqualTo(4);
        assertThat(purged.bytes()).isEqualTo(400);
        assertThat(purged.packKeys()).containsExactlyInAnyOrder(key1, key2);
        assertThat(lifecycle().purgeDeleted(id)).as("a second purge finds nothing").isEmpty();

        assertThat(accounts.findAccount(id)).isEmpty();
        assertThat(accounts.findAccountByUsername("ann")).as("the name is free again").isEmpty();
        assertThat(lifecycle().standing(id)).isEmpty();
        assertThat(lifecycle().packKeys(id)).isEmpty();
        assertThat(index.usage(id).objects()).isZero();
        assertThat(accounts.listKeySlots(id)).isEmpty();
        assertThat(audit.list(id, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(subs.history(id, 10)).as("its history goes").isEmpty();
        assertThat(subs.find(Provider.DIRECT, "receipt-1")).as("the purchase stays redeemed").isPresent();

        assertThat(accounts.findAccount(other)).isPresent();
        assertThat(lifecycle().packKeys(other)).containsExactly(bobsKey);
        assertThat(index.usage(other).objects()).isEqualTo(2);
    }

    @Test
    void accountsArePagedInByteOrderDeletedOnesIncluded() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(newAccount("user" + i));
        lifecycle().requestDeletion(ids.get(2), T0);
        ids.sort(null);
        assertThat(lifecycle().accountsAfter(null, 3)).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(lifecycle().accountsAfter(ids.get(2), 3)).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(lifecycle().accountsAfter(ids.get(4), 3)).isEmpty();
    }

    @Test
    void aRetentionCutMarksOnlyBucketedObjectsOfOlderMonthsAndEachOnce() {
        String id = newAccount("ann");
        String other = newAccount("bob");
        pack(id, 202212, 2);
        pack(id, 202301, 3);
        pack(id, 202302, 4); // the month kept from
        pack(id, 0, 1);
        pack(other, 202212, 5);
        Instant at = T0.plus(Duration.ofDays(1));

        ExpiredObjects planned = index.expireBuckets(id, 202302, at, true);
        assertThat(planned).isEqualTo(new ExpiredObjects(5, 500));
        assertThat(index.accountsWithDroppedObjects(at.plusSeconds(1), null, 10)).as("a dry run marks nothing").isEmpty();

        assertThat(index.expireBuckets(id, 202302, at, false)).isEqualTo(planned);
        assertThat(index.expireBuckets(id, 202302, at, false)).as("marked once").isEqualTo(ExpiredObjects.NONE);
        assertThat(index.accountsWithDroppedObjects(at.plusSeconds(1), null, 10)).containsExactly(id);
        // The sweep's purge then takes exactly those, and the packs they empty.
        assertThat(index.purgeDroppedObjects(id, at.plusSeconds(1))).hasSize(2);
        assertThat(index.usage(id).objects()).isEqualTo(5);
        assertThat(index.usage(other).objects()).isEqualTo(5);
        assertThat(index.expireBuckets(id, 0, at, false)).as("keptFrom 0 keeps everything").isEqualTo(ExpiredObjects.NONE);
        assertThat(index.expireBuckets(id, 999999, at, true).objects()).as("bucket 0 is never cut").isEqualTo(4);
    }
}
