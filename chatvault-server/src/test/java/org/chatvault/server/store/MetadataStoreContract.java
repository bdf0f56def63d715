package org.chatvault.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} backend must do. A backend's test extends this and supplies
 * a fresh, empty store (and a way to reopen it); the same cases then run on SQLite, PostgreSQL, …
 */
public abstract class MetadataStoreContract {
    protected static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final SplittableRandom random = new SplittableRandom(0xc0ffeeL);
    protected MetadataStore store;

    /** A new, empty store for one test. */
    protected abstract MetadataStore newStore();

    /** Closes {@code store} and opens the same database again. */
    protected abstract MetadataStore reopen(MetadataStore store);

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    protected String newAccount(String username) {
        String id = UUID.randomUUID().toString();
        LoginHash hash = new LoginHash(bytes(16), bytes(32), new Argon2Params(64, 1, 1));
        assertThat(store.createAccount(new AccountRecord(id, username, username.toLowerCase(), hash, T0))).isTrue();
        return id;
    }

    protected byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    protected ObjectId newId() {
        return ObjectId.of(bytes(32));
    }

    /** Indexes {@code ids} as one pack of {@code kind} objects of 100 bytes each. */
    protected IndexResult index(String account, ObjectKind kind, ObjectId... ids) {
        String packId = UUID.randomUUID().toString();
        int bucket = kind.bucketed() ? 202403 : 0;
        List<ObjectEntry> entries = new ArrayList<>();
        long pos = 4;
        for (ObjectId id : ids) {
            entries.add(new ObjectEntry(id, kind, bucket, pos + 41, 100));
            pos += 141;
        }
        return store.indexPacks(account, List.of(new NewPack(packId, bucket, "packs/" + account + "/" + packId, pos, entries)), T0);
    }

    private static HeadChange change(long base, ObjectId root, Set<ObjectId> added, Set<ObjectId> dropped, Instant at) {
        return new HeadChange(base, root, added, dropped, at);
    }

    // ---- accounts --------------------------------------------------------------------------

    @Test
    void accountsAreFoundByUsernameKeyAndUnique() {
        String id = newAccount("Alice");
        AccountRecord found = store.findAccountByUsername("alice").orElseThrow();
        assertThat(found.accountId()).isEqualTo(id);
        assertThat(found.username()).isEqualTo("Alice");
        assertThat(found.loginHash().params()).isEqualTo(new Argon2Params(64, 1, 1));
        assertThat(found.loginHash().hash()).hasSize(32);
        assertThat(found.createdAt()).isEqualTo(T0);
        LoginHash h = found.loginHash();
        assertThat(store.createAccount(new AccountRecord(UUID.randomUUID().toString(), "ALICE", "alice", h, T0))).isFalse();
        assertThat(store.findAccountByUsername("bob")).isEmpty();
    }

    // ---- tokens ----------------------------------------------------------------------------

    private TokenRecord token(String account, String session, TokenKind kind, Instant expires) {
        return new TokenRecord(bytes(32), account, session, kind, expires);
    }

    @Test
    void tokensAreFoundByHashAndRotatedOnce() {
        String acc = newAccount("alice");
        TokenRecord access = token(acc, "s1", TokenKind.ACCESS, T0.plusSeconds(3600));
        TokenRecord refresh = token(acc, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(90)));
        store.insertTokens(List.of(access, refresh));
        TokenRecord found = store.findToken(refresh.tokenHash()).orElseThrow();
        assertThat(found.accountId()).isEqualTo(acc);
        assertThat(found.sessionId()).isEqualTo("s1");
        assertThat(found.kind()).isEqualTo(TokenKind.REFRESH);
        assertThat(found.expiresAt()).isEqualTo(refresh.expiresAt());

        TokenRecord next = token(acc, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(91)));
        assertThat(store.replaceToken(refresh.tokenHash(), List.of(next))).isTrue();
        assertThat(store.findToken(refresh.tokenHash())).isEmpty();
        assertThat(store.findToken(next.tokenHash())).isPresent();
        TokenRecord loser = token(acc, "s1", TokenKind.REFRESH, T0);
        assertThat(store.replaceToken(refresh.tokenHash(), List.of(loser))).isFalse();
        assertThat(store.findToken(loser.tokenHash())).isEmpty();
    }

    @Test
    void deletingASessionLeavesOtherSessionsAndAccounts() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        TokenRecord a1 = token(alice, "s1", TokenKind.ACCESS, T0.plusSeconds(60));
        TokenRecord a1r = token(alice, "s1", TokenKind.REFRESH, T0.plusSeconds(60));
        TokenRecord a2 = token(alice, "s2", TokenKind.ACCESS, T0.plusSeconds(60));
        TokenRecord b1 = token(bob, "s1", TokenKind.ACCESS, T0.plusSeconds(60));
        store.insertTokens(List.of(a1, a1r, a2, b1));
        store.deleteSession(alice, "s1");
        assertThat(store.findToken(a1.tokenHash())).isEmpty();
        assertThat(store.findToken(a1r.tokenHash())).isEmpty();
        assertThat(store.findToken(a2.tokenHash())).isPresent();
        assertThat(store.findToken(b1.tokenHash())).isPresent();
    }

    @Test
    void expiredTokensAreDeletedPerAccount() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        TokenRecord old = token(alice, "s", TokenKind.ACCESS, T0);
        TokenRecord live = token(alice, "s", TokenKind.REFRESH, T0.plusSeconds(1));
        TokenRecord bobOld = token(bob, "s", TokenKind.ACCESS, T0.minusSeconds(1));
        store.insertTokens(List.of(old, live, bobOld));
        assertThat(store.deleteExpiredTokens(alice, T0)).isEqualTo(1);
        assertThat(store.findToken(live.tokenHash())).isPresent();
        assertThat(store.findToken(bobOld.tokenHash())).isPresent();
    }

    // ---- key slots -------------------------------------------------------------------------

    @Test
    void keySlotsArePerAccountAndReplaceable() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        byte[] b1 = bytes(64);
        byte[] b2 = bytes(4096);
        store.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", b1, T0));
        store.putKeySlot(alice, new KeySlotRecord("device-1", "device", b1, T0));
        store.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", b2, T0.plusSeconds(5)));
        List<KeySlotRecord> slots = store.listKeySlots(alice);
        assertThat(slots).extracting(KeySlotRecord::slotId).containsExactly("device-1", "recovery");
        assertThat(slots.get(1).blob()).isEqualTo(b2);
        assertThat(slots.get(1).updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.listKeySlots(bob)).isEmpty();
        assertThat(store.deleteKeySlot(bob, "recovery")).isFalse();
        assertThat(store.deleteKeySlot(alice, "recovery")).isTrue();
        assertThat(store.listKeySlots(alice)).hasSize(1);
    }

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

        assertThat(store.presentObjects(alice, List.of(a, absent, b))).containsExactlyInAnyOrder(a, b);
        Map<ObjectId, ObjectLocation> loc = store.locateObjects(alice, List.of(a, b, absent));
        assertThat(loc).containsOnlyKeys(a, b);
        assertThat(loc.get(a).kind()).isEqualTo(ObjectKind.SEGMENT);
        assertThat(loc.get(a).bucket()).isEqualTo(202403);
        assertThat(loc.get(a).offset()).isEqualTo(45);
        assertThat(loc.get(b).offset()).isEqualTo(45 + 141);
        assertThat(loc.get(a).length()).isEqualTo(100);
        assertThat(loc.get(a).storageKey()).isEqualTo(loc.get(b).storageKey()).startsWith("packs/" + alice + "/");
        assertThat(loc.get(a).droppedAt()).isNull();

        assertThat(store.presentObjects(bob, List.of(a, b))).isEmpty();
        assertThat(store.locateObjects(bob, List.of(a, b))).isEmpty();
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
        assertThat(store.usage(alice)).isEqualTo(new Usage(2, 200, 2, 145 + 286, 0));
    }

    @Test
    void manyIdsAreLookedUpInOneCall() {
        String alice = newAccount("alice");
        ObjectId[] ids = new ObjectId[2_500];
        for (int i = 0; i < ids.length; i++) ids[i] = newId();
        index(alice, ObjectKind.MEDIA_CHUNK, ids);
        List<ObjectId> ask = new ArrayList<>(List.of(ids));
        for (int i = 0; i < 1_000; i++) ask.add(newId());
        assertThat(store.presentObjects(alice, ask)).hasSize(ids.length);
        assertThat(store.locateObjects(alice, ask)).hasSize(ids.length);
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
        assertThat(store.head(alice)).isEqualTo(Head.EMPTY);

        assertThat(store.commit(alice, change(0, root1, Set.of(seg), Set.of(), T0))).isEqualTo(new CommitOutcome.Committed(1));
        assertThat(store.head(alice)).isEqualTo(new Head(1, root1, T0));
        assertThat(store.commit(alice, change(0, root2, Set.of(), Set.of(), T0))).isEqualTo(new CommitOutcome.Conflict(1));
        assertThat(store.commit(alice, change(2, root2, Set.of(), Set.of(), T0))).isEqualTo(new CommitOutcome.Conflict(1));
        assertThat(store.commit(alice, change(1, root2, Set.of(), Set.of(), T0.plusSeconds(9)))).isEqualTo(new CommitOutcome.Committed(2));
        assertThat(store.head(alice)).isEqualTo(new Head(2, root2, T0.plusSeconds(9)));
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
        assertThat(store.commit(alice, change(0, root, Set.of(seg, bobs, newId()), Set.of(), T0))).isEqualTo(new CommitOutcome.Missing(2));
        assertThat(store.commit(alice, change(0, newId(), Set.of(seg), Set.of(), T0))).isEqualTo(new CommitOutcome.Missing(1));
        assertThat(store.head(alice)).isEqualTo(Head.EMPTY);
        assertThat(store.commit(bob, change(0, root, Set.of(), Set.of(), T0))).isEqualTo(new CommitOutcome.Missing(1));
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
        store.commit(alice, change(0, root1, Set.of(keep, drop), Set.of(), T0));
        Instant t1 = T0.plusSeconds(60);
        // "keep" is both dropped and added: added wins
        store.commit(alice, change(1, root2, Set.of(keep), Set.of(root1, drop, keep), t1));
        Map<ObjectId, ObjectLocation> loc = store.locateObjects(alice, List.of(root1, drop, keep, root2));
        assertThat(loc.get(root1).droppedAt()).isEqualTo(t1);
        assertThat(loc.get(drop).droppedAt()).isEqualTo(t1);
        assertThat(loc.get(keep).droppedAt()).isNull();
        assertThat(loc.get(root2).droppedAt()).isNull();

        store.commit(alice, change(2, root3, Set.of(drop), Set.of(root2), t1.plusSeconds(60)));
        assertThat(store.locateObjects(alice, List.of(drop)).get(drop).droppedAt()).isNull();
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
                    return store.commit(alice, change(0, root, Set.of(), Set.of(), T0));
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
            assertThat(store.head(alice).version()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void usageCountsObjectsBytesPacksAndVersion() {
        String alice = newAccount("alice");
        assertThat(store.usage(alice)).isEqualTo(new Usage(0, 0, 0, 0, 0));
        ObjectId root = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, root);
        index(alice, ObjectKind.SEGMENT, newId(), newId());
        store.commit(alice, change(0, root, Set.of(), Set.of(), T0));
        assertThat(store.usage(alice)).isEqualTo(new Usage(3, 300, 2, 145 + 286, 1));
        assertThat(store.usage(newAccount("bob"))).isEqualTo(new Usage(0, 0, 0, 0, 0));
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
        store.commit(alice, change(0, root1, Set.of(lone, shared1, shared2), Set.of(), T0));
        store.commit(bob, change(0, bobRoot, Set.of(), Set.of(), T0));
        Instant dropTime = T0.plusSeconds(100);
        store.commit(alice, change(1, root2, Set.of(), Set.of(lone, shared1), dropTime));
        String lonePack = store.locateObjects(alice, List.of(lone)).get(lone).storageKey();

        assertThat(store.accountsWithDroppedObjects(dropTime, null, 10)).isEmpty();
        assertThat(store.purgeDroppedObjects(alice, dropTime)).isEmpty();
        assertThat(store.accountsWithDroppedObjects(dropTime.plusMillis(1), null, 10)).containsExactly(alice);

        List<String> emptied = store.purgeDroppedObjects(alice, dropTime.plusMillis(1));
        assertThat(emptied).containsExactly(lonePack);
        assertThat(store.presentObjects(alice, List.of(lone, shared1, shared2, root1, root2))).containsExactlyInAnyOrder(shared2, root1, root2);
        assertThat(store.usage(alice)).isEqualTo(new Usage(3, 300, 2, 286 + 286, 2));
        assertThat(store.accountsWithDroppedObjects(dropTime.plusMillis(1), null, 10)).isEmpty();
        assertThat(store.presentObjects(bob, List.of(bobRoot))).containsExactly(bobRoot);
    }

    @Test
    void accountsWithDroppedObjectsArePagedByAccountId() {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String account = newAccount("user" + i);
            ObjectId root1 = newId();
            ObjectId root2 = newId();
            index(account, ObjectKind.ROOT_MANIFEST, root1, root2);
            store.commit(account, change(0, root1, Set.of(), Set.of(), T0));
            store.commit(account, change(1, root2, Set.of(), Set.of(root1), T0));
            accounts.add(account);
        }
        accounts.sort(null); // account ids compare as plain (ASCII) strings in both backends
        Instant cutoff = T0.plusMillis(1);

        assertThat(store.accountsWithDroppedObjects(cutoff, null, 2)).containsExactlyElementsOf(accounts.subList(0, 2));
        assertThat(store.accountsWithDroppedObjects(cutoff, accounts.get(1), 2)).containsExactlyElementsOf(accounts.subList(2, 4));
        assertThat(store.accountsWithDroppedObjects(cutoff, accounts.get(3), 2)).containsExactly(accounts.get(4));
        assertThat(store.accountsWithDroppedObjects(cutoff, accounts.get(4), 2)).isEmpty();
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
        store.commit(alice, change(0, root1, added, Set.of(), T0));
        store.commit(alice, change(1, root2, Set.of(), dropped, T0));

        int sweepers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(sweepers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < sweepers; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return store.purgeDroppedObjects(alice, T0.plusMillis(1));
                }));
            }
            go.countDown();
            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : results) all.addAll(f.get());
            assertThat(all).hasSize(dropped.size()).doesNotHaveDuplicates();
            assertThat(store.usage(alice).packs()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- moving objects between packs (repack, relabel) -------------------------------------

    /** A commit dropping {@code ids}, with a fresh root in a pack of its own. */
    private void drop(String account, Instant at, ObjectId... ids) {
        ObjectId root = newId();
        index(account, ObjectKind.ROOT_MANIFEST, root);
        long base = store.head(account).version();
        assertThat(store.commit(account, change(base, root, Set.of(), Set.of(ids), at))).isInstanceOf(CommitOutcome.Committed.class);
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
        return store.packStats(account).stream().filter(p -> p.packId().equals(packId)).findFirst().orElse(null);
    }

    @Test
    void relocationMovesOnlyRowsStillWhereTheCopyReadThem() {
        String alice = newAccount("alice");
        ObjectId a = newId();
        ObjectId b = newId();
        ObjectId purged = newId();
        ObjectId stale = newId();
        index(alice, ObjectKind.SEGMENT, a, b, purged, stale);
        Map<ObjectId, ObjectLocation> before = store.locateObjects(alice, List.of(a, b, purged, stale));
        String oldPack = before.get(a).packId();
        drop(alice, T0, b, purged);
        store.purgeDroppedObjects(alice, T0.plusMillis(1)); // b and purged go
        index(alice, ObjectKind.SEGMENT, b); // b uploaded again: a new row in another pack
        ObjectLocation staleAt = before.get(stale);
        ObjectLocation movedMeanwhile = new ObjectLocation(stale, staleAt.kind(), staleAt.bucket(), staleAt.packId(), staleAt.storageKey(),
                staleAt.offset() + 1, staleAt.length(), null);

        Instant t1 = T0.plusSeconds(60);
        MovedPack copy = copyOf(alice, 202405, List.of(before.get(a), before.get(b), before.get(purged), movedMeanwhile));
        assertThat(store.relocateObjects(alice, copy, t1)).containsExactly(a);

        ObjectLocation aNow = store.locateObjects(alice, List.of(a)).get(a);
        assertThat(aNow.packId()).isEqualTo(copy.packId());
        assertThat(aNow.storageKey()).isEqualTo(copy.storageKey());
        assertThat(aNow.offset()).isEqualTo(4 + 41);
        assertThat(aNow.bucket()).isEqualTo(202405);
        assertThat(aNow.droppedAt()).isNull();
        assertThat(store.presentObjects(alice, List.of(purged))).as("a purged object is not re-created").isEmpty();
        assertThat(store.locateObjects(alice, List.of(b)).get(b).packId()).isNotEqualTo(copy.packId()).isNotEqualTo(oldPack);
        assertThat(store.locateObjects(alice, List.of(stale)).get(stale).packId()).isEqualTo(oldPack);
        assertThat(stats(alice, oldPack).vacatedAt()).isEqualTo(t1);
        assertThat(stats(alice, copy.packId())).isNotNull();

        MovedPack useless = copyOf(alice, 202405, List.of(before.get(a)));
        assertThat(store.relocateObjects(alice, useless, t1)).as("a already moved").isEmpty();
        assertThat(stats(alice, useless.packId())).as("a pack nothing moved into is not indexed").isNull();
    }

    @Test
    void droppedObjectsMoveWithTheirDropMark() {
        String alice = newAccount("alice");
        ObjectId a = newId();
        index(alice, ObjectKind.SEGMENT, a);
        drop(alice, T0, a);
        ObjectLocation at = store.locateObjects(alice, List.of(a)).get(a);
        assertThat(store.relocateObjects(alice, copyOf(alice, 202403, List.of(at)), T0)).containsExactly(a);
        assertThat(store.locateObjects(alice, List.of(a)).get(a).droppedAt()).isEqualTo(T0);
        assertThat(store.accountsWithDroppedObjects(T0.plusMillis(1), null, 10)).containsExactly(alice);
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
        Map<ObjectId, ObjectLocation> at = store.locateObjects(alice, List.of(a, x, y, p, q));
        Instant dropped = T0.plusSeconds(10);
        drop(alice, dropped, q);
        Instant moved = T0.plusSeconds(20);
        store.relocateObjects(alice, copyOf(alice, 202403, List.of(at.get(a), at.get(x), at.get(p))), moved);

        // q's pack lost its last row to the purge, but p moved out after the cutoff: it must stay.
        assertThat(store.purgeDroppedObjects(alice, moved)).isEmpty();
        assertThat(store.accountsWithVacatedPacks(moved, null, 10)).isEmpty();
        assertThat(store.purgeVacatedPacks(alice, moved)).isEmpty();

        Instant later = moved.plusMillis(1);
        assertThat(store.accountsWithVacatedPacks(later, null, 10)).containsExactly(alice);
        // y never moved, so its pack stays however old the move.
        assertThat(store.purgeVacatedPacks(alice, later)).containsExactlyInAnyOrder(at.get(a).storageKey(), at.get(p).storageKey());
        assertThat(store.purgeVacatedPacks(alice, later)).isEmpty();
        assertThat(store.accountsWithVacatedPacks(later, null, 10)).isEmpty();
        assertThat(store.presentObjects(alice, List.of(a, x, y, p))).containsExactlyInAnyOrder(a, x, y, p);
        assertThat(stats(alice, at.get(y).packId()).liveObjects()).isEqualTo(1);
    }

    @Test
    void packStatsAndLiveObjectsLeaveDroppedObjectsOut() {
        String alice = newAccount("alice");
        ObjectId a = newId();
        ObjectId b = newId();
        ObjectId c = newId();
        index(alice, ObjectKind.SEGMENT, a, b, c);
        String pack = store.locateObjects(alice, List.of(a)).get(a).packId();
        drop(alice, T0, b);
        PackStats s = stats(alice, pack);
        assertThat(s).isEqualTo(new PackStats(pack, 202403, "packs/" + alice + "/" + pack, 4 + 3 * 141, T0, null, 2, 200));
        List<ObjectLocation> live = store.liveObjectsInPacks(alice, List.of(pack));
        assertThat(live).extracting(ObjectLocation::id).containsExactly(a, c);
        assertThat(live).extracting(ObjectLocation::offset).containsExactly(45L, 4L + 2 * 141 + 41);
        assertThat(store.liveObjectsInPacks(newAccount("bob"), List.of(pack))).isEmpty();
        assertThat(store.packStats(alice)).hasSize(2); // and the root's
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
        assertThat(store.accountsToRepack(criteria, null, 10)).isEqualTo(expected);
        assertThat(store.accountsToRepack(criteria, expected.get(0), 10)).containsExactly(expected.get(1));
        assertThat(store.accountsToRepack(criteria, null, 1)).containsExactly(expected.get(0));
        assertThat(store.accountsToRepack(new RepackCriteria(T0, 0.5, 300, 41), null, 10)).as("packs too young").isEmpty();

        PackStats sparsePack = store.packStats(sparse).stream().filter(p -> p.bucket() == 202403).findFirst().orElseThrow();
        assertThat(criteria.sparse(sparsePack)).isTrue();
        assertThat(criteria.small(sparsePack)).isFalse();
    }

    @Test
    void concurrentMovesOfTheSameObjectsHaveOneWinnerEach() throws Exception {
        String alice = newAccount("alice");
        ObjectId[] ids = new ObjectId[20];
        for (int i = 0; i < ids.length; i++) ids[i] = newId();
        index(alice, ObjectKind.SEGMENT, ids);
        List<ObjectLocation> at = store.liveObjectsInPacks(alice, List.of(store.locateObjects(alice, List.of(ids[0])).get(ids[0]).packId()));
        int movers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(movers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Set<ObjectId>>> results = new ArrayList<>();
            for (int i = 0; i < movers; i++) {
                MovedPack copy = copyOf(alice, 202404, at);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.relocateObjects(alice, copy, T0);
                }));
            }
            go.countDown();
            List<ObjectId> all = new ArrayList<>();
            for (Future<Set<ObjectId>> f : results) all.addAll(f.get());
            assertThat(all).containsExactlyInAnyOrder(ids);
            assertThat(store.usage(alice).packs()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- job leases ------------------------------------------------------------------------

    @Test
    void aLeaseHasOneHolderUntilItExpiresOrIsReleased() {
        Duration ttl = Duration.ofMinutes(10);
        assertThat(store.tryAcquireLease("sweep", "instance-a", T0, ttl)).isTrue();
        assertThat(store.tryAcquireLease("sweep", "instance-b", T0.plusSeconds(1), ttl)).isFalse();
        assertThat(store.tryAcquireLease("other-job", "instance-b", T0, ttl)).as("leases are per job").isTrue();

        // The holder renews: the lease now runs until T0 + 5 min + 10 min.
        assertThat(store.tryAcquireLease("sweep", "instance-a", T0.plus(Duration.ofMinutes(5)), ttl)).isTrue();
        assertThat(store.tryAcquireLease("sweep", "instance-b", T0.plus(Duration.ofMinutes(14)), ttl)).isFalse();
        // Expired: another instance takes over, and the old holder is now refused.
        assertThat(store.tryAcquireLease("sweep", "instance-b", T0.plus(Duration.ofMinutes(15)), ttl)).isTrue();
        assertThat(store.tryAcquireLease("sweep", "instance-a", T0.plus(Duration.ofMinutes(16)), ttl)).isFalse();

        // Releasing someone else's lease does nothing; releasing your own frees it at once.
        store.releaseLease("sweep", "instance-a");
        assertThat(store.tryAcquireLease("sweep", "instance-a", T0.plus(Duration.ofMinutes(16)), ttl)).isFalse();
        store.releaseLease("sweep", "instance-b");
        assertThat(store.tryAcquireLease("sweep", "instance-a", T0.plus(Duration.ofMinutes(16)), ttl)).isTrue();
        store.releaseLease("never-taken", "instance-a"); // no-op
    }

    @Test
    void concurrentHoldersRacingForAFreeLeaseHaveOneWinner() throws Exception {
        int holders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(holders);
        try {
            for (int round = 0; round < 5; round++) {
                // Each round is an hour after the last, so the lease is free (round 0) or expired.
                Instant now = T0.plus(Duration.ofHours(round));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int h = 0; h < holders; h++) {
                    String holder = "instance-" + h;
                    results.add(pool.submit(() -> {
                        go.await();
                        return store.tryAcquireLease("sweep", holder, now, Duration.ofMinutes(10));
                    }));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> f : results) if (f.get()) won++;
                assertThat(won).as("round %d", round).isEqualTo(1);
            }
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
        store.commit(alice, change(0, root, Set.of(), Set.of(), T0));
        TokenRecord t = token(alice, "s", TokenKind.ACCESS, T0.plusSeconds(60));
        store.insertTokens(List.of(t));
        store.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", bytes(10), T0));

        store = reopen(store);
        assertThat(store.findAccountByUsername("alice")).isPresent();
        assertThat(store.head(alice)).isEqualTo(new Head(1, root, T0));
        assertThat(store.findToken(t.tokenHash())).isPresent();
        assertThat(store.listKeySlots(alice)).hasSize(1);
        assertThat(store.presentObjects(alice, List.of(root))).containsExactly(root);
    }

    // ---- login throttling -------------------------------------------------------------------

    private static final LoginThrottlePolicy THROTTLE = new LoginThrottlePolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(10));

    @Test
    void theMaxFailureInAWindowBlocksUntilTheBlockEnds() {
        assertThat(store.recordLoginFailure("kim", T0, THROTTLE)).isEmpty();
        assertThat(store.recordLoginFailure("kim", T0.plusSeconds(60), THROTTLE)).isEmpty();
        assertThat(store.loginBlockedUntil("kim", T0.plusSeconds(61))).isEmpty();
        Instant third = T0.plusSeconds(120);
        assertThat(store.recordLoginFailure("kim", third, THROTTLE)).contains(third.plus(THROTTLE.block()));
        assertThat(store.loginBlockedUntil("kim", third.plusSeconds(1))).contains(third.plus(THROTTLE.block()));
        assertThat(store.loginBlockedUntil("other", third)).isEmpty();
        assertThat(store.loginBlockedUntil("kim", third.plus(THROTTLE.block()))).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowStartANewCount() {
        store.recordLoginFailure("lee", T0, THROTTLE);
        store.recordLoginFailure("lee", T0.plusSeconds(1), THROTTLE);
        Instant later = T0.plus(THROTTLE.window()).plusSeconds(1);
        assertThat(store.recordLoginFailure("lee", later, THROTTLE)).as("a new window: 1 failure").isEmpty();
        assertThat(store.recordLoginFailure("lee", later.plusSeconds(1), THROTTLE)).isEmpty();
        assertThat(store.recordLoginFailure("lee", later.plusSeconds(2), THROTTLE)).isPresent();
    }

    @Test
    void clearingForgetsTheFailuresAndStaleRowsGo() {
        store.recordLoginFailure("max", T0, THROTTLE);
        store.recordLoginFailure("max", T0, THROTTLE);
        store.clearLoginFailures("max");
        assertThat(store.recordLoginFailure("max", T0, THROTTLE)).isEmpty();

        for (int i = 0; i < 3; i++) store.recordLoginFailure("ned", T0, THROTTLE); // blocked until T0 + 10 min
        assertThat(store.deleteStaleLoginFailures(T0.plusSeconds(60))).as("max's window started at T0, but ned is still blocked").isEqualTo(1);
        assertThat(store.loginBlockedUntil("ned", T0.plusSeconds(61))).isPresent();
        assertThat(store.deleteStaleLoginFailures(T0.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(store.loginBlockedUntil("ned", T0.plusSeconds(61))).isEmpty();
    }

    @Test
    void concurrentFailuresAreEachCounted() throws Exception {
        LoginThrottlePolicy policy = new LoginThrottlePolicy(40, Duration.ofMinutes(15), Duration.ofMinutes(10));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return store.recordLoginFailure("oz", T0, policy).isPresent();
                }));
            }
            go.countDown();
            int blocked = 0;
            for (Future<Boolean> r : results) if (r.get()) blocked++;
            assertThat(blocked).as("exactly the 40th failure blocks").isEqualTo(1);
            assertThat(store.loginBlockedUntil("oz", T0)).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }
}
