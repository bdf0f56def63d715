package org.chatvault.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.account.KeySlotRecord;
import org.chatvault.server.storage.StoreException;
import org.chatvault.server.account.TokenKind;
import org.chatvault.server.account.TokenRecord;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectIndex} must do, on every database, with the commit rule and repack
 * selection of the vault services on top: a concrete test per database supplies it.
 */
public abstract class ObjectIndexContract extends StoreContractBase {

    // ---- object index ----------------------------------------------------------------------

    @Test
    void indexedObjectsArePresentAndLocatedOnlyForTheirAccount() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        ObjectId a = newId();
        ObjectId b = newId();
        ObjectId absent = newId();
        IndexResult r = index(alice, ObjectKind.SEGMENT, a, b);
        assertThat(r.objects()).isEqualTo(2);
        assertThat(r.bytes()).isEqualTo(200);
        assertThat(r.unusedPackKeys()).isEmpty();

        assertThat(index.presentObjects(alice, List.of(a, absent, b))).containsExactlyInAnyOrder(a, b);
        Map<ObjectId, ObjectLocation> loc = index.locateObjects(alice, List.of(a, b, absent));
        assertThat(loc).containsOnlyKeys(a, b);
        assertThat(loc.get(a).kind()).isEqualTo(ObjectKind.SEGMENT);
        assertThat(loc.get(a).bucket()).isEqualTo(202403);
        assertThat(loc.get(a).offset()).isEqualTo(45);
        assertThat(loc.get(b).offset()).isEqualTo(45 + 141);
        assertThat(loc.get(a).length()).isEqualTo(100);
        assertThat(loc.get(a).storageKey()).isEqualTo(loc.get(b).storageKey()).startsWith("packs/" + alice + "/");
        assertThat(loc.get(a).droppedAt()).isNull();

        assertThat(index.presentObjects(bob, List.of(a, b))).isEmpty();
        assertThat(index.locateObjects(bob, List.of(a, b))).isEmpty();
    }

    @Test
    void reindexingHeldObjectsSkipsThemAndReportsUnusedPacks() {
        String alice = newAccount("alice");
        ObjectId a = newId();
        ObjectId b = newId();
        index(alice, ObjectKind.SEGMENT, a);
        IndexResult again = index(alice, ObjectKind.SEGMENT, a);
        assertThat(again.objects()).isZero();
        assertThat(again.unusedPackKeys()).hasSize(1);
        IndexResult mixed = index(alice, ObjectKind.SEGMENT, a, b);
        assertThat(mixed.objects()).isEqualTo(1);
        assertThat(mixed.unusedPackKeys()).isEmpty();
        assertThat(index.usage(alice)).isEqualTo(new Usage(2, 200, 2, 145 + 286, 0));
    }

    @Test
    void manyIdsAreLookedUpInOneCall() {
        String alice = newAccount("alice");
        ObjectId[] ids = new ObjectId[2_500];
        for (int i = 0; i < ids.length; i++) ids[i] = newId();
        index(alice, ObjectKind.MEDIA_CHUNK, ids);
        List<ObjectId> ask = new ArrayList<>(List.of(ids));
        for (int i = 0; i < 1_000; i++) ask.add(newId());
        assertThat(index.presentObjects(alice, ask)).hasSize(ids.length);
        assertThat(index.locateObjects(alice, ask)).hasSize(ids.length);
    }

    // ---- head and commit -------------------------------------------------------------------

    @Test
    void commitIsACompareAndSwap() {
        String alice = newAccount("alice");
        ObjectId root1 = newId();
        ObjectId root2 = newId();
        ObjectId seg = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root1, root2);
        index(alice, ObjectKind.SEGMENT, seg);
        assertThat(index.head(alice)).isEqualTo(Head.EMPTY);

        assertThat(commit(alice, change(0, root1, Set.of(seg), Set.of(), T0))).isEqualTo(new CommitOutcome.Committed(1));
        assertThat(index.head(alice)).isEqualTo(new Head(1, root1, T0));
        assertThat(commit(alice, change(0, root2, Set.of(), Set.of(), T0))).isEqualTo(new CommitOutcome.Conflict(1));
        assertThat(commit(alice, change(2, root2, Set.of(), Set.of(), T0))).isEqualTo(new CommitOutcome.Conflict(1));
        assertThat(commit(alice, change(1, root2, Set.of(), Set.of(), T0.plusSeconds(9)))).isEqualTo(new CommitOutcome.Committed(2));
        assertThat(index.head(alice)).isEqualTo(new Head(2, root2, T0.plusSeconds(9)));
    }

    @Test
    void commitNeedsRootAndAddedHeldByTheAccount() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        ObjectId root = newId();
        ObjectId seg = newId();
        ObjectId bobs = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root);
        index(alice, ObjectKind.SEGMENT, seg);
        index(bob, ObjectKind.SEGMENT, bobs);
        assertThat(commit(alice, change(0, root, Set.of(seg, bobs, newId()), Set.of(), T0))).isEqualTo(new CommitOutcome.Missing(2));
        assertThat(commit(alice, change(0, newId(), Set.of(seg), Set.of(), T0))).isEqualTo(new CommitOutcome.Missing(1));
        assertThat(index.head(alice)).isEqualTo(Head.EMPTY);
        assertThat(commit(bob, change(0, root, Set.of(), Set.of(), T0))).isEqualTo(new CommitOutcome.Missing(1));
    }

    @Test
    void droppedObjectsAreMarkedAndAddingCancelsTheMark() {
        String alice = newAccount("alice");
        ObjectId root1 = newId();
        ObjectId root2 = newId();
        ObjectId root3 = newId();
        ObjectId keep = newId();
        ObjectId drop = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root1, root2, root3);
        index(alice, ObjectKind.SEGMENT, keep, drop);
        commit(alice, change(0, root1, Set.of(keep, drop), Set.of(), T0));
        Instant t1 = T0.plusSeconds(60);
        // "keep" is both dropped and added: added wins
        commit(alice, change(1, root2, Set.of(keep), Set.of(root1, drop, keep), t1));
        Map<ObjectId, ObjectLocation> loc = index.locateObjects(alice, List.of(root1, drop, keep, root2));
        assertThat(loc.get(root1).droppedAt()).isEqualTo(t1);
        assertThat(loc.get(drop).droppedAt()).isEqualTo(t1);
        assertThat(loc.get(keep).droppedAt()).isNull();
        assertThat(loc.get(root2).droppedAt()).isNull();

        commit(alice, change(2, root3, Set.of(drop), Set.of(root2), t1.plusSeconds(60)));
        assertThat(index.locateObjects(alice, List.of(drop)).get(drop).droppedAt()).isNull();
    }

    @Test
    void concurrentCommitsOnTheSameBaseHaveOneWinner() throws Exception {
        String alice = newAccount("alice");
        int n = 8;
        ObjectId[] roots = new ObjectId[n];
        for (int i = 0; i < n; i++) roots[i] = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, roots);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<CommitOutcome>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ObjectId root = roots[i];
                Callable<CommitOutcome> c = () -> {
                    go.await();
                    return commit(alice, change(0, root, Set.of(), Set.of(), T0));
                };
                results.add(pool.submit(c));
            }
            go.countDown();
            int won = 0;
            for (Future<CommitOutcome> f : results) {
                CommitOutcome o = f.get();
                if (o instanceof CommitOutcome.Committed) won++;
                else assertThat(o).isEqualTo(new CommitOutcome.Conflict(1));
            }
            assertThat(won).isEqualTo(1);
            assertThat(index.head(alice).version()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void usageCountsObjectsBytesPacksAndVersion() {
        String alice = newAccount("alice");
        assertThat(index.usage(alice)).isEqualTo(new Usage(0, 0, 0, 0, 0));
        ObjectId root = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root);
        index(alice, ObjectKind.SEGMENT, newId(), newId());
        commit(alice, change(0, root, Set.of(), Set.of(), T0));
        assertThat(index.usage(alice)).isEqualTo(new Usage(3, 300, 2, 145 + 286, 1));
        assertThat(index.usage(newAccount("bob"))).isEqualTo(new Usage(0, 0, 0, 0, 0));
    }

    /** One pack of {@code ids}, each a {@code kind} object of {@code length} bytes in {@code bucket}. */
    private static NewPack pack(String account, ObjectKind kind, int bucket, int length, ObjectId... ids) {
        String packId = UUID.randomUUID().toString();
        List<ObjectEntry> entries = new ArrayList<>();
        long pos = 4;
        for (ObjectId id : ids) {
            entries.add(new ObjectEntry(id, kind, bucket, pos + 41, length));
            pos += 41 + length;
        }
        return new NewPack(packId, bucket, "packs/" + account + "/" + packId, pos, entries);
    }

    @Test
    void usageByMonthAndKindGroupsTheAccountsObjectsOnly() {
        String alice = newAccount("alice");
        assertThat(index.usageByMonthAndKind(alice)).isEmpty();
        index.indexPacks(alice, List.of(pack(alice, ObjectKind.SEGMENT, 202401, 100, newId(), newId()),
                pack(alice, ObjectKind.MEDIA_CHUNK, 202401, 1000, newId()), pack(alice, ObjectKind.SEGMENT, 202312, 50, newId()),
                pack(alice, ObjectKind.ROOT_MANIFEST, 0, 30, newId())), T0);
        String bob = newAccount("bob");
        index.indexPacks(bob, List.of(pack(bob, ObjectKind.SEGMENT, 202401, 7, newId())), T0);

        assertThat(index.usageByMonthAndKind(alice)).containsExactly(
                new MonthKindUsage(0, ObjectKind.ROOT_MANIFEST, 1, 30),
                new MonthKindUsage(202312, ObjectKind.SEGMENT, 1, 50),
                new MonthKindUsage(202401, ObjectKind.SEGMENT, 2, 200),
                new MonthKindUsage(202401, ObjectKind.MEDIA_CHUNK, 1, 1000));
        long total = index.usageByMonthAndKind(alice).stream().mapToLong(MonthKindUsage::bytes).sum();
        assertThat(total).isEqualTo(index.usage(alice).bytes());
    }

    @Test
    void indexingWithinALimitStoresUpToItAndRefusesTheWholeUploadPastIt() {
        String alice = newAccount("alice");
        assertThat(index.indexPacksWithin(alice, List.of(pack(alice, ObjectKind.SEGMENT, 202401, 100, newId(), newId())), T0, 300))
                .isInstanceOf(IndexOutcome.Indexed.class);
        ObjectId third = newId(), fourth = newId();
        // Exactly at the limit passes, even spread over two packs.
        IndexOutcome atLimit = index.indexPacksWithin(alice, List.of(pack(alice, ObjectKind.SEGMENT, 202402, 50, third),
                pack(alice, ObjectKind.SEGMENT, 202403, 50, newId())), T0, 300);
        assertThat(atLimit).isEqualTo(new IndexOutcome.Indexed(new IndexResult(2, 100, List.of())));
        // A held object costs nothing; one new byte over the limit refuses the whole upload.
        IndexOutcome over = index.indexPacksWithin(alice, List.of(pack(alice, ObjectKind.SEGMENT, 202402, 50, third, fourth)), T0, 349);
        assertThat(over).isEqualTo(new IndexOutcome.OverLimit(300, 50));
        assertThat(index.presentObjects(alice, List.of(fourth))).isEmpty();
        assertThat(index.usage(alice)).isEqualTo(new Usage(4, 300, 3, index.usage(alice).packBytes(), 0));
        assertThat(index.packStats(alice)).hasSize(3);
    }

    @Test
    void concurrentUploadsWithinALimitNeverTogetherPassIt() throws Exception {
        String alice = newAccount("alice");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<IndexOutcome>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                NewPack p = pack(alice, ObjectKind.SEGMENT, 202401, 100, newId(), newId());
                Callable<IndexOutcome> c = () -> {
                    go.await();
                    return index.indexPacksWithin(alice, List.of(p), T0, 500);
                };
                results.add(pool.submit(c));
            }
            go.countDown();
            int indexed = 0;
            for (Future<IndexOutcome> f : results) if (f.get() instanceof IndexOutcome.Indexed) indexed++;
            assertThat(indexed).isEqualTo(2); // 200 bytes each: two fit in 500, a third never does
            assertThat(index.usage(alice).bytes()).isEqualTo(400);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- deleting dropped objects ----------------------------------------------------------

    @Test
    void purgeRemovesOnlyObjectsDroppedBeforeTheCutoffAndEmptiedPacks() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        ObjectId root1 = newId();
        ObjectId root2 = newId();
        ObjectId lone = newId();
        ObjectId shared1 = newId();
        ObjectId shared2 = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root1, root2);
        index(alice, ObjectKind.SEGMENT, lone);
        index(alice, ObjectKind.SEGMENT, shared1, shared2);
        ObjectId bobRoot = newId();
        index(bob, ObjectKind.ROOT_MANIFEST, bobRoot);
        commit(alice, change(0, root1, Set.of(lone, shared1, shared2), Set.of(), T0));
        commit(bob, change(0, bobRoot, Set.of(), Set.of(), T0));
        Instant dropTime = T0.plusSeconds(100);
        commit(alice, change(1, root2, Set.of(), Set.of(lone, shared1), dropTime));
        String lonePack = index.locateObjects(alice, List.of(lone)).get(lone).storageKey();

        assertThat(index.accountsWithDroppedObjects(dropTime, null, 10)).isEmpty();
        assertThat(index.purgeDroppedObjects(alice, dropTime)).isEmpty();
        assertThat(index.accountsWithDroppedObjects(dropTime.plusMillis(1), null, 10)).containsExactly(alice);

        List<String> emptied = index.purgeDroppedObjects(alice, dropTime.plusMillis(1));
        assertThat(emptied).containsExactly(lonePack);
        assertThat(index.presentObjects(alice, List.of(lone, shared1, shared2, root1, root2))).containsExactlyInAnyOrder(shared2, root1, root2);
        assertThat(index.usage(alice)).isEqualTo(new Usage(3, 300, 2, 286 + 286, 2));
        assertThat(index.accountsWithDroppedObjects(dropTime.plusMillis(1), null, 10)).isEmpty();
        assertThat(index.presentObjects(bob, List.of(bobRoot))).containsExactly(bobRoot);
    }

    @Test
    void accountsWithDroppedObjectsArePagedByAccountId() {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String account = newAccount("user" + i);
            ObjectId root1 = newId();
            ObjectId root2 = newId();
            index(account, ObjectKind.ROOT_MANIFEST, root1, root2);
            commit(account, change(0, root1, Set.of(), Set.of(), T0));
            commit(account, change(1, root2, Set.of(), Set.of(root1), T0));
            accounts.add(account);
        }
        accounts.sort(null); // account ids compare as plain (ASCII) strings in both backends
        Instant cutoff = T0.plusMillis(1);

        assertThat(index.accountsWithDroppedObjects(cutoff, null, 2)).containsExactlyElementsOf(accounts.subList(0, 2));
        assertThat(index.accountsWithDroppedObjects(cutoff, accounts.get(1), 2)).containsExactlyElementsOf(accounts.subList(2, 4));
        assertThat(index.accountsWithDroppedObjects(cutoff, accounts.get(3), 2)).containsExactly(accounts.get(4));
        assertThat(index.accountsWithDroppedObjects(cutoff, accounts.get(4), 2)).isEmpty();
    }

    @Test
    void concurrentPurgesOfOneAccountHandOutEachEmptiedPackOnce() throws Exception {
        String alice = newAccount("alice");
        ObjectId root1 = newId();
        ObjectId root2 = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root2);
        Set<ObjectId> dropped = new HashSet<>(Set.of(root1));
        index(alice, ObjectKind.ROOT_MANIFEST, root1);
        for (int i = 0; i < 20; i++) {
            ObjectId segment = newId();
            index(alice, ObjectKind.SEGMENT, segment); // a pack each
            dropped.add(segment);
        }
        Set<ObjectId> added = new HashSet<>(dropped);
        added.remove(root1);
        commit(alice, change(0, root1, added, Set.of(), T0));
        commit(alice, change(1, root2, Set.of(), dropped, T0));

        int sweepers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(sweepers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < sweepers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return index.purgeDroppedObjects(alice, T0.plusMillis(1));
                }));
            }
            go.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : results) all.addAll(f.get());
            assertThat(all).hasSize(dropped.size()).doesNotHaveDuplicates();
            assertThat(index.usage(alice).packs()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- moving objects between packs (repack, relabel) -------------------------------------

    /** A commit dropping {@code ids}, with a fresh root in a pack of its own. */
    private void drop(String account, Instant at, ObjectId... ids) {
        ObjectId root = newId();
        index(account, ObjectKind.ROOT_MANIFEST, root);
        long base = index.head(account).version();
        assertThat(commit(account, change(base, root, Set.of(), Set.of(ids), at))).isInstanceOf(CommitOutcome.Committed.class);
    }

    /** A new pack of {@code bucket} holding copies of {@code from}, laid out as the copier would. */
    private static MovedPack copyOf(String account, int bucket, List<ObjectLocation> from) {
        String packId = UUID.randomUUID().toString();
        List<ObjectMove> moves = new ArrayList<>();
        long pos = 4;
        for (ObjectLocation o : from) {
            moves.add(new ObjectMove(o.id(), o.packId(), o.offset(), pos + 41));
            pos += 41 + o.length();
        }
        return new MovedPack(packId, bucket, "packs/" + account + "/" + packId, pos, moves);
    }

    private PackStats stats(String account, String packId) {
        return index.packStats(account).stream().filter(p -> p.packId().equals(packId)).findFirst().orElse(null);
    }

    @Test
    void relocationMovesOnlyRowsStillWhereTheCopyReadThem() {
        String alice = newAccount("alice");
        ObjectId a = newId();
        ObjectId b = newId();
        ObjectId purged = newId();
        ObjectId stale = newId();
        index(alice, ObjectKind.SEGMENT, a, b, purged, stale);
        Map<ObjectId, ObjectLocation> before = index.locateObjects(alice, List.of(a, b, purged, stale));
        String oldPack = before.get(a).packId();
        drop(alice, T0, b, purged);
        index.purgeDroppedObjects(alice, T0.plusMillis(1)); // b and purged go
        index(alice, ObjectKind.SEGMENT, b); // b uploaded again: a new row in another pack
        ObjectLocation staleAt = before.get(stale);
        ObjectLocation movedMeanwhile = new ObjectLocation(stale, staleAt.kind(), staleAt.bucket(), staleAt.packId(), staleAt.storageKey(),
                staleAt.offset() + 1, staleAt.length(), null);

        Instant t1 = T0.plusSeconds(60);
        MovedPack copy = copyOf(alice, 202405, List.of(before.get(a), before.get(b), before.get(purged), movedMeanwhile));
        assertThat(index.relocateObjects(alice, copy, t1)).containsExactly(a);

        ObjectLocation aNow = index.locateObjects(alice, List.of(a)).get(a);
        assertThat(aNow.packId()).isEqualTo(copy.packId());
        assertThat(aNow.storageKey()).isEqualTo(copy.storageKey());
        assertThat(aNow.offset()).isEqualTo(4 + 41);
        assertThat(aNow.bucket()).isEqualTo(202405);
        assertThat(aNow.droppedAt()).isNull();
        assertThat(index.presentObjects(alice, List.of(purged))).as("a purged object is not re-created").isEmpty();
        assertThat(index.locateObjects(alice, List.of(b)).get(b).packId()).isNotEqualTo(copy.packId()).isNotEqualTo(oldPack);
        assertThat(index.locateObjects(alice, List.of(stale)).get(stale).packId()).isEqualTo(oldPack);
        assertThat(stats(alice, oldPack).vacatedAt()).isEqualTo(t1);
        assertThat(stats(alice, copy.packId())).isNotNull();

        MovedPack useless = copyOf(alice, 202405, List.of(before.get(a)));
        assertThat(index.relocateObjects(alice, useless, t1)).as("a already moved").isEmpty();
        assertThat(stats(alice, useless.packId())).as("a pack nothing moved into is not indexed").isNull();
    }

    @Test
    void droppedObjectsMoveWithTheirDropMark() {
        String alice = newAccount("alice");
        ObjectId a = newId();
        index(alice, ObjectKind.SEGMENT, a);
        drop(alice, T0, a);
        ObjectLocation at = index.locateObjects(alice, List.of(a)).get(a);
        assertThat(index.relocateObjects(alice, copyOf(alice, 202403, List.of(at)), T0)).containsExactly(a);
        assertThat(index.locateObjects(alice, List.of(a)).get(a).droppedAt()).isEqualTo(T0);
        assertThat(index.accountsWithDroppedObjects(T0.plusMillis(1), null, 10)).containsExactly(alice);
    }

    @Test
    void vacatedPacksGoOnlyOnceEmptyAndPastTheCutoff() {
        String alice = newAccount("alice");
        ObjectId a = newId();
        ObjectId x = newId();
        ObjectId y = newId();
        ObjectId p = newId();
        ObjectId q = newId();
        index(alice, ObjectKind.SEGMENT, a);
        index(alice, ObjectKind.SEGMENT, x, y);
        index(alice, ObjectKind.SEGMENT, p, q);
        Map<ObjectId, ObjectLocation> at = index.locateObjects(alice, List.of(a, x, y, p, q));
        Instant dropped = T0.plusSeconds(10);
        drop(alice, dropped, q);
        Instant moved = T0.plusSeconds(20);
        index.relocateObjects(alice, copyOf(alice, 202403, List.of(at.get(a), at.get(x), at.get(p))), moved);

        // q's pack lost its last row to the purge, but p moved out after the cutoff: it must stay.
        assertThat(index.purgeDroppedObjects(alice, moved)).isEmpty();
        assertThat(index.accountsWithVacatedPacks(moved, null, 10)).isEmpty();
        assertThat(index.purgeVacatedPacks(alice, moved)).isEmpty();

        Instant later = moved.plusMillis(1);
        assertThat(index.accountsWithVacatedPacks(later, null, 10)).containsExactly(alice);
        // y never moved, so its pack stays however old the move.
        assertThat(index.purgeVacatedPacks(alice, later)).containsExactlyInAnyOrder(at.get(a).storageKey(), at.get(p).storageKey());
        assertThat(index.purgeVacatedPacks(alice, later)).isEmpty();
        assertThat(index.accountsWithVacatedPacks(later, null, 10)).isEmpty();
        assertThat(index.presentObjects(alice, List.of(a, x, y, p))).containsExactlyInAnyOrder(a, x, y, p);
        assertThat(stats(alice, at.get(y).packId()).liveObjects()).isEqualTo(1);
    }

    @Test
    void packStatsAndLiveObjectsLeaveDroppedObjectsOut() {
        String alice = newAccount("alice");
        ObjectId a = newId();
        ObjectId b = newId();
        ObjectId c = newId();
        index(alice, ObjectKind.SEGMENT, a, b, c);
        String pack = index.locateObjects(alice, List.of(a)).get(a).packId();
        drop(alice, T0, b);
        PackStats s = stats(alice, pack);
        assertThat(s).isEqualTo(new PackStats(pack, 202403, "packs/" + alice + "/" + pack, 4 + 3 * 141, T0, null, 2, 200));
        List<ObjectLocation> live = index.liveObjectsInPacks(alice, List.of(pack));
        assertThat(live).extracting(ObjectLocation::id).containsExactly(a, c);
        assertThat(live).extracting(ObjectLocation::offset).containsExactly(45L, 4L + 2 * 141 + 41);
        assertThat(index.liveObjectsInPacks(newAccount("bob"), List.of(pack))).isEmpty();
        assertThat(index.packStats(alice)).hasSize(2); // and the root's
    }

    @Test
    void anArchiveListsWhatAHeadMayNeedInStorageOrder() {
        String alice = newAccount("alice");
        ObjectId root1 = newId();
        ObjectId root2 = newId();
        ObjectId a = newId();
        ObjectId b = newId();
        ObjectId c = newId();
        ObjectId old = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root1, root2);
        index(alice, ObjectKind.SEGMENT, a, b, c, old);
        commit(alice, change(0, root1, Set.of(a, b, c, old), Set.of(), T0));
        Instant t1 = T0.plusSeconds(60);
        commit(alice, change(1, root2, Set.of(), Set.of(root1, old), t1)); // head 2, which no longer needs root1 and old
        drop(alice, t1.plusSeconds(60), b); // a later commit: head 2 still needs b

        List<ObjectLocation> listed = new ArrayList<>();
        index.forEachObjectNotDroppedAt(alice, t1, listed::add);
        ObjectId root3 = index.head(alice).root();
        assertThat(listed).extracting(ObjectLocation::id).containsExactlyInAnyOrder(root2, root3, a, b, c);
        // Bucket 0 (structure) first, then the segments' pack in offset order.
        assertThat(listed.subList(2, 5)).extracting(ObjectLocation::id).containsExactly(a, b, c);
        assertThat(listed.get(3).droppedAt()).isEqualTo(t1.plusSeconds(60));

        List<ObjectLocation> atTheLastCommit = new ArrayList<>();
        index.forEachObjectNotDroppedAt(alice, t1.plusSeconds(60), atTheLastCommit::add);
        assertThat(atTheLastCommit).extracting(ObjectLocation::id).containsExactlyInAnyOrder(root2, root3, a, c);
        List<ObjectLocation> bobs = new ArrayList<>();
        index.forEachObjectNotDroppedAt(newAccount("bob"), T0, bobs::add);
        assertThat(bobs).isEmpty();
    }

    @Test
    void accountsToRepackHaveASparsePackOrSeveralSmallOnesInOneBucket() {
        String sparse = newAccount("sparse");
        ObjectId[] three = {newId(), newId(), newId()};
        index(sparse, ObjectKind.SEGMENT, three);
        drop(sparse, T0, three[0], three[1]); // 141 of 427 bytes live
        String twoSmall = newAccount("two-small");
        index(twoSmall, ObjectKind.SEGMENT, newId());
        index(twoSmall, ObjectKind.SEGMENT, newId());
        String oneSmall = newAccount("one-small");
        index(oneSmall, ObjectKind.SEGMENT, newId());
        String twoBuckets = newAccount("two-buckets");
        index(twoBuckets, ObjectKind.SEGMENT, newId());
        index(twoBuckets, ObjectKind.ROOT_MANIFEST, newId());
        String allDropped = newAccount("all-dropped"); // two small packs, but nothing in them worth copying
        ObjectId gone1 = newId();
        ObjectId gone2 = newId();
        index(allDropped, ObjectKind.SEGMENT, gone1);
        index(allDropped, ObjectKind.SEGMENT, gone2);
        drop(allDropped, T0, gone1, gone2);

        RepackCriteria criteria = new RepackCriteria(T0.plusSeconds(1), 0.5, 300, 41);
        List<String> expected = new ArrayList<>(List.of(sparse, twoSmall));
        expected.sort(null);
        assertThat(criteria.accountsToRepack(index, null, 10)).isEqualTo(expected);
        assertThat(criteria.accountsToRepack(index, expected.get(0), 10)).containsExactly(expected.get(1));
        assertThat(criteria.accountsToRepack(index, null, 1)).containsExactly(expected.get(0));
        assertThat(new RepackCriteria(T0, 0.5, 300, 41).accountsToRepack(index, null, 10)).as("packs too young").isEmpty();

        PackStats sparsePack = index.packStats(sparse).stream().filter(p -> p.bucket() == 202403).findFirst().orElseThrow();
        assertThat(criteria.sparse(sparsePack)).isTrue();
        assertThat(criteria.small(sparsePack)).isFalse();
    }

    @Test
    void concurrentMovesOfTheSameObjectsHaveOneWinnerEach() throws Exception {
        String alice = newAccount("alice");
        ObjectId[] ids = new ObjectId[20];
        for (int i = 0; i < ids.length; i++) ids[i] = newId();
        index(alice, ObjectKind.SEGMENT, ids);
        List<ObjectLocation> at = index.liveObjectsInPacks(alice, List.of(index.locateObjects(alice, List.of(ids[0])).get(ids[0]).packId()));
        int movers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(movers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Set<ObjectId>>> results = new ArrayList<>();
            for (int i = 0; i < movers; i++) {
                MovedPack copy = copyOf(alice, 202404, at);
                results.add(pool.submit(() -> {
                    go.await();
                    return index.relocateObjects(alice, copy, T0);
                }));
            }
            go.countDown();
            List<ObjectId> all = new ArrayList<>();
            for (Future<Set<ObjectId>> f : results) all.addAll(f.get());
            assertThat(all).containsExactlyInAnyOrder(ids);
            assertThat(index.usage(alice).packs()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- durability ------------------------------------------------------------------------

    @Test
    void everythingSurvivesReopening() {
        String alice = newAccount("alice");
        ObjectId root = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root);
        commit(alice, change(0, root, Set.of(), Set.of(), T0));
        TokenRecord t = token(alice, "s", TokenKind.ACCESS, T0.plusSeconds(60));
        accounts.insertTokens(List.of(t));
        accounts.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", bytes(10), T0));

        reopen();
        assertThat(accounts.findAccountByUsername("alice")).isPresent();
        assertThat(index.head(alice)).isEqualTo(new Head(1, root, T0));
        assertThat(accounts.findToken(t.tokenHash())).isPresent();
        assertThat(accounts.listKeySlots(alice)).hasSize(1);
        assertThat(index.presentObjects(alice, List.of(root))).containsExactly(root);
    }

    @Test
    void aClosedStoreRefusesCallsAndIsNotReachable() {
        stores.close();
        assertThatThrownBy(() -> index.head("x")).isInstanceOf(StoreException.class);
        assertThat(stores.database().reachable()).isFalse();
    }
}
