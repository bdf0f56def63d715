package org.chatvault.server.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.store.sql.SqlPackTiers;
import org.chatvault.server.testing.StoreContractBase;
import org.chatvault.server.vault.PackTierIndex.PackToMove;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link PackTierIndex} must do, on every database: a concrete test per database supplies it. */
public abstract class PackTierIndexContract extends StoreContractBase {
    private static final ColdTierPolicy IA = new ColdTierPolicy("STANDARD_IA", 6, 1000);
    /** Packs of buckets before this one are cold. */
    private static final int FIRST_STANDARD = 202401;
    private PackTierIndex tiers;

    @BeforeEach
    void openTiers() {
        tiers = new SqlPackTiers(stores.database());
    }

    /** Indexes one pack of {@code bucket} holding one object, {@code length} bytes long in all; returns its id. */
    private String pack(String account, int bucket, long length, ObjectId object) {
        String packId = UUID.randomUUID().toString();
        ObjectKind kind = bucket == 0 ? ObjectKind.ROOT_MANIFEST : ObjectKind.SEGMENT;
        index.indexPacks(account, List.of(new NewPack(packId, bucket, "packs/" + account + "/" + packId, length,
                List.of(new ObjectEntry(object, kind, bucket, 45, 100)))), T0);
        return packId;
    }

    private String pack(String account, int bucket, long length) {
        return pack(account, bucket, length, newId());
    }

    @Test
    void findsOldEnoughLongEnoughLivePacksNotYetRecorded() {
        String alice = newAccount("alice");
        String old = pack(alice, 202306, 5000);
        String oldest = pack(alice, 201901, 1000);
        pack(alice, 202401, 5000); // the first standard month
        pack(alice, 0, 5000); // roots and indexes never go cold
        pack(alice, 202306, 999); // below the size floor
        ObjectId dropped = newId();
        pack(alice, 202306, 5000, dropped);
        index.withLockedVault(alice, v -> {
            v.markDropped(List.of(dropped), T0);
            return null;
        });

        assertThat(tiers.packsToMove(alice, IA, FIRST_STANDARD)).extracting(PackToMove::packId, PackToMove::bucket, PackToMove::length)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(oldest, 201901, 1000L),
                        org.assertj.core.groups.Tuple.tuple(old, 202306, 5000L));
        assertThat(tiers.packsToMove(alice, IA, FIRST_STANDARD).getFirst().storageKey()).isEqualTo("packs/" + alice + "/" + oldest);
        assertThat(tiers.packsToMove(alice, IA, 201901)).isEmpty();
    }

    @Test
    void aRecordedPackIsNotFoundAgainUnlessTheClassChanges() {
        String alice = newAccount("alice");
        String a = pack(alice, 202306, 5000);
        String b = pack(alice, 202307, 5000);
        assertThat(tiers.recordStorageClass(alice, List.of(a, "no-such-pack"), "STANDARD_IA")).isEqualTo(1);
        assertThat(tiers.recordStorageClass(alice, List.of(), "STANDARD_IA")).isZero();

        assertThat(tiers.packsToMove(alice, IA, FIRST_STANDARD)).extracting(PackToMove::packId).containsExactly(b);
        ColdTierPolicy glacier = new ColdTierPolicy("GLACIER_IR", 6, 1000);
        assertThat(tiers.packsToMove(alice, glacier, FIRST_STANDARD)).extracting(PackToMove::packId).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void recordingIsPerAccount() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        String alicePack = pack(alice, 202306, 5000);
        assertThat(tiers.recordStorageClass(bob, List.of(alicePack), "STANDARD_IA")).isZero();
        assertThat(tiers.packsToMove(alice, IA, FIRST_STANDARD)).extracting(PackToMove::packId).containsExactly(alicePack);
        assertThat(tiers.packsToMove(bob, IA, FIRST_STANDARD)).isEmpty();
    }

    @Test
    void accountsArePagedInIdOrderAndOnlyThoseWithPacksToMove() {
        List<String> withOld = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String account = newAccount("user" + i);
            pack(account, 202306, 5000);
            withOld.add(account);
        }
        String recent = newAccount("recent");
        pack(recent, 202405, 5000);
        String done = newAccount("done");
        assertThat(tiers.recordStorageClass(done, List.of(pack(done, 202306, 5000)), "STANDARD_IA")).isEqualTo(1);
        withOld.sort(Comparator.naturalOrder());

        List<String> seen = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> page = tiers.accountsWithPacksToMove(IA, FIRST_STANDARD, after, 2);
            if (page.isEmpty()) break;
            assertThat(page).hasSizeLessThanOrEqualTo(2);
            seen.addAll(page);
            after = page.getLast();
        }
        assertThat(seen).isEqualTo(withOld);
    }
}
