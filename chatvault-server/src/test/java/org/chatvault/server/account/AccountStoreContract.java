package org.chatvault.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.Test;

/** What every {@link AccountStore} must do, on every database: a concrete test per database supplies it. */
public abstract class AccountStoreContract extends StoreContractBase {

    // ---- accounts --------------------------------------------------------------------------

    @Test
    void accountsAreFoundByUsernameKeyAndUnique() {
        String id = newAccount("Alice");
        AccountRecord found = accounts.findAccountByUsername("alice").orElseThrow();
        assertThat(found.accountId()).isEqualTo(id);
        assertThat(found.username()).isEqualTo("Alice");
        assertThat(found.loginHash().params()).isEqualTo(new Argon2Params(64, 1, 1));
        assertThat(found.loginHash().hash()).hasSize(32);
        assertThat(found.createdAt()).isEqualTo(T0);
        LoginHash h = found.loginHash();
        assertThat(accounts.createAccount(new AccountRecord(UUID.randomUUID().toString(), "ALICE", "alice", h, T0, null))).isFalse();
        assertThat(accounts.findAccountByUsername("bob")).isEmpty();
    }

    @Test
    void theVaultPublicKeyIsStoredWithTheAccountAndMayBeAbsent() {
        String id = newAccount("alice");
        byte[] key = accounts.findVaultPublicKey(id).orElseThrow();
        assertThat(key).hasSize(32);
        assertThat(accounts.findAccountByUsername("alice").orElseThrow().vaultPublicKey()).isEqualTo(key);
        String old = UUID.randomUUID().toString();
        assertThat(accounts.createAccount(new AccountRecord(old, "old", "old", new LoginHash(bytes(16), bytes(32), new Argon2Params(64, 1, 1)),
                T0, null))).isTrue();
        assertThat(accounts.findVaultPublicKey(old)).isEmpty();
        assertThat(accounts.findVaultPublicKey("no-such-account")).isEmpty();
    }

    @Test
    void accountsAreFoundByIdAndTheirLoginHashReplaced() {
        String id = newAccount("Carol");
        assertThat(accounts.findAccount(id).orElseThrow().username()).isEqualTo("Carol");
        assertThat(accounts.findAccount("no-such-account")).isEmpty();
        LoginHash next = new LoginHash(bytes(16), bytes(32), new Argon2Params(128, 2, 1));
        assertThat(accounts.updateLoginHash(id, next)).isTrue();
        LoginHash stored = accounts.findAccountByUsername("carol").orElseThrow().loginHash();
        assertThat(stored.hash()).isEqualTo(next.hash());
        assertThat(stored.salt()).isEqualTo(next.salt());
        assertThat(stored.params()).isEqualTo(new Argon2Params(128, 2, 1));
        assertThat(accounts.updateLoginHash("no-such-account", next)).isFalse();
        assertThat(accounts.findAccount(id).orElseThrow().vaultPublicKey()).isEqualTo(accounts.findVaultPublicKey(id).orElseThrow());
    }

    // ---- tokens ----------------------------------------------------------------------------

    @Test
    void aRotatedRefreshTokenIsRememberedWithItsDeviceUntilItExpires() {
        String acc = newAccount("alice");
        TokenRecord refresh = token(acc, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(90)), "dev-1");
        accounts.insertTokens(List.of(refresh));
        assertThat(accounts.findToken(refresh.tokenHash()).orElseThrow().deviceId()).isEqualTo("dev-1");
        assertThat(accounts.findRotatedToken(refresh.tokenHash())).isEmpty();
        TokenRecord next = token(acc, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(90)), "dev-1");
        assertThat(accounts.replaceToken(refresh.tokenHash(), List.of(next))).isTrue();
        TokenRecord rotated = accounts.findRotatedToken(refresh.tokenHash()).orElseThrow();
        assertThat(rotated.accountId()).isEqualTo(acc);
        assertThat(rotated.sessionId()).isEqualTo("s1");
        assertThat(rotated.deviceId()).isEqualTo("dev-1");
        assertThat(rotated.expiresAt()).isEqualTo(refresh.expiresAt());
        assertThat(accounts.findToken(next.tokenHash()).orElseThrow().deviceId()).isEqualTo("dev-1");
        // a token without a device rotates too
        TokenRecord legacy = token(acc, "s2", TokenKind.REFRESH, T0.plus(Duration.ofDays(1)));
        accounts.insertTokens(List.of(legacy));
        assertThat(accounts.replaceToken(legacy.tokenHash(), List.of(token(acc, "s2", TokenKind.REFRESH, T0.plus(Duration.ofDays(1)))))).isTrue();
        assertThat(accounts.findRotatedToken(legacy.tokenHash()).orElseThrow().deviceId()).isNull();
        // forgotten with the expired tokens
        assertThat(accounts.deleteExpiredTokens(acc, T0.plus(Duration.ofDays(2)))).isEqualTo(2); // legacy's successor and legacy
        assertThat(accounts.findRotatedToken(legacy.tokenHash())).isEmpty();
        assertThat(accounts.findRotatedToken(refresh.tokenHash())).isPresent();
    }

    @Test
    void concurrentRotationsOfOneRefreshTokenLetExactlyOneWin() throws Exception {
        String acc = newAccount("alice");
        TokenRecord refresh = token(acc, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(90)), "dev-1");
        accounts.insertTokens(List.of(refresh));
        int racers = 8;
        List<TokenRecord> successors = new ArrayList<>();
        for (int i = 0; i < racers; i++) successors.add(token(acc, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(90)), "dev-1"));
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (TokenRecord next : successors) results.add(pool.submit(() -> {
                go.await();
                return accounts.replaceToken(refresh.tokenHash(), List.of(next));
            }));
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) if (f.get()) won++; // and none failed
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(successors.stream().filter(t -> accounts.findToken(t.tokenHash()).isPresent())).hasSize(1);
        assertThat(accounts.findRotatedToken(refresh.tokenHash())).isPresent();
    }

    @Test
    void aDevicesSessionsAndOtherSessionsEndTogether() {
        String acc = newAccount("alice");
        String other = newAccount("bob");
        Instant later = T0.plusSeconds(3600);
        TokenRecord a1 = token(acc, "s1", TokenKind.ACCESS, later, "dev-a");
        TokenRecord a2 = token(acc, "s2", TokenKind.REFRESH, later, "dev-a");
        TokenRecord b1 = token(acc, "s3", TokenKind.ACCESS, later, "dev-b");
        TokenRecord c1 = token(acc, "s4", TokenKind.ACCESS, later, "dev-c");
        TokenRecord foreign = token(other, "s5", TokenKind.ACCESS, later, "dev-a");
        accounts.insertTokens(List.of(a1, a2, b1, c1, foreign));
        assertThat(accounts.deleteDeviceSessions(acc, "dev-a")).isEqualTo(2);
        assertThat(accounts.findToken(a1.tokenHash())).isEmpty();
        assertThat(accounts.findToken(a2.tokenHash())).isEmpty();
        assertThat(accounts.findToken(b1.tokenHash())).isPresent();
        assertThat(accounts.findToken(foreign.tokenHash())).isPresent(); // another account's device of the same id
        assertThat(accounts.deleteDeviceSessions(acc, "dev-a")).isZero();

        assertThat(accounts.deleteOtherSessions(acc, "s3")).isEqualTo(1);
        assertThat(accounts.findToken(b1.tokenHash())).isPresent();
        assertThat(accounts.findToken(c1.tokenHash())).isEmpty();
        assertThat(accounts.findToken(foreign.tokenHash())).isPresent();
    }

    @Test
    void tokensAreFoundByHashAndRotatedOnce() {
        String acc = newAccount("alice");
        TokenRecord access = token(acc, "s1", TokenKind.ACCESS, T0.plusSeconds(3600));
        TokenRecord refresh = token(acc, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(90)));
        accounts.insertTokens(List.of(access, refresh));
        TokenRecord found = accounts.findToken(refresh.tokenHash()).orElseThrow();
        assertThat(found.accountId()).isEqualTo(acc);
        assertThat(found.sessionId()).isEqualTo("s1");
        assertThat(found.kind()).isEqualTo(TokenKind.REFRESH);
        assertThat(found.expiresAt()).isEqualTo(refresh.expiresAt());

        TokenRecord next = token(acc, "s1", TokenKind.REFRESH, T0.plus(Duration.ofDays(91)));
        assertThat(accounts.replaceToken(refresh.tokenHash(), List.of(next))).isTrue();
        assertThat(accounts.findToken(refresh.tokenHash())).isEmpty();
        assertThat(accounts.findToken(next.tokenHash())).isPresent();
        TokenRecord loser = token(acc, "s1", TokenKind.REFRESH, T0);
        assertThat(accounts.replaceToken(refresh.tokenHash(), List.of(loser))).isFalse();
        assertThat(accounts.findToken(loser.tokenHash())).isEmpty();
    }

    @Test
    void deletingASessionLeavesOtherSessionsAndAccounts() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        TokenRecord a1 = token(alice, "s1", TokenKind.ACCESS, T0.plusSeconds(60));
        TokenRecord a1r = token(alice, "s1", TokenKind.REFRESH, T0.plusSeconds(60));
        TokenRecord a2 = token(alice, "s2", TokenKind.ACCESS, T0.plusSeconds(60));
        TokenRecord b1 = token(bob, "s1", TokenKind.ACCESS, T0.plusSeconds(60));
        accounts.insertTokens(List.of(a1, a1r, a2, b1));
        accounts.deleteSession(alice, "s1");
        assertThat(stillFound(a1, a1r, a2, b1)).containsExactly(a2, b1);
    }

    @Test
    void expiredTokensAreDeletedPerAccount() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        TokenRecord old = token(alice, "s", TokenKind.ACCESS, T0);
        TokenRecord live = token(alice, "s", TokenKind.REFRESH, T0.plusSeconds(1));
        TokenRecord bobOld = token(bob, "s", TokenKind.ACCESS, T0.minusSeconds(1));
        accounts.insertTokens(List.of(old, live, bobOld));
        assertThat(accounts.deleteExpiredTokens(alice, T0)).isEqualTo(1);
        assertThat(stillFound(old, live, bobOld)).containsExactly(live, bobOld);
    }

    /** Those of {@code tokens} that the store still finds by their hash. */
    private List<TokenRecord> stillFound(TokenRecord... tokens) {
        return Stream.of(tokens).filter(t -> accounts.findToken(t.tokenHash()).isPresent()).toList();
    }

    // ---- key slots -------------------------------------------------------------------------

    @Test
    void keySlotsArePerAccountAndReplaceable() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        byte[] b1 = bytes(64);
        byte[] b2 = bytes(4096);
        accounts.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", b1, T0));
        accounts.putKeySlot(alice, new KeySlotRecord("device-1", "device", b1, T0));
        accounts.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", b2, T0.plusSeconds(5)));
        List<KeySlotRecord> slots = accounts.listKeySlots(alice);
        assertThat(slots).extracting(KeySlotRecord::slotId).containsExactly("device-1", "recovery");
        assertThat(slots.get(1).blob()).isEqualTo(b2);
        assertThat(slots.get(1).updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(accounts.listKeySlots(bob)).isEmpty();
        assertThat(accounts.deleteKeySlot(bob, "recovery", T0)).isEqualTo(KeySlotOutcome.NOT_FOUND);
        assertThat(accounts.deleteKeySlot(alice, "device-1", T0)).isEqualTo(KeySlotOutcome.DONE);
        assertThat(accounts.listKeySlots(alice)).hasSize(1);
    }

    @Test
    void replacedAndDeletedSlotsAreRetiredUnlistedAndPurgedOnlyWhenOlderThanTheCutoff() {
        String alice = newAccount("alice");
        String bob = newAccount("bob");
        byte[] first = bytes(64);
        byte[] second = bytes(64);
        byte[] device = bytes(64);
        accounts.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", first, T0));
        accounts.putKeySlot(alice, new KeySlotRecord("device-1", "device", device, T0));
        accounts.putKeySlot(bob, new KeySlotRecord("device-1", "device", bytes(64), T0));
        assertThat(accounts.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", second, T0.plusSeconds(10)))).isEqualTo(KeySlotOutcome.DONE);
        assertThat(accounts.deleteKeySlot(alice, "device-1", T0.plusSeconds(20))).isEqualTo(KeySlotOutcome.DONE);

        assertThat(accounts.listKeySlots(alice)).extracting(KeySlotRecord::slotId).containsExactly("recovery");
        assertThat(accounts.listKeySlots(alice).getFirst().blob()).isEqualTo(second);
        List<KeySlotRecord> retired = accounts.listRetiredKeySlots(alice);
        assertThat(retired).extracting(KeySlotRecord::slotId).containsExactly("recovery", "device-1");
        assertThat(retired.get(0).blob()).isEqualTo(first);
        assertThat(retired.get(1).blob()).isEqualTo(device);
        assertThat(accounts.listRetiredKeySlots(bob)).isEmpty();

        // Retired at T0+10 and T0+20: a cutoff between them purges only the first, a dry run nothing.
        assertThat(accounts.purgeRetiredKeySlots(T0.plusSeconds(15), true)).isEqualTo(1);
        assertThat(accounts.listRetiredKeySlots(alice)).hasSize(2);
        assertThat(accounts.purgeRetiredKeySlots(T0.plusSeconds(15), false)).isEqualTo(1);
        assertThat(accounts.listRetiredKeySlots(alice)).extracting(KeySlotRecord::slotId).containsExactly("device-1");
        assertThat(accounts.purgeRetiredKeySlots(T0.plusSeconds(21), false)).isEqualTo(1);
        assertThat(accounts.listRetiredKeySlots(alice)).isEmpty();
        assertThat(accounts.listKeySlots(bob)).hasSize(1);
    }

    @Test
    void theLastRecoverySlotCanBeReplacedButNotRemovedNorTurnedIntoAnotherKind() {
        String alice = newAccount("alice");
        byte[] blob = bytes(64);
        accounts.putKeySlot(alice, new KeySlotRecord("recovery", "recovery", blob, T0));
        assertThat(accounts.deleteKeySlot(alice, "recovery", T0)).isEqualTo(KeySlotOutcome.LAST_RECOVERY);
        assertThat(accounts.putKeySlot(alice, new KeySlotRecord("recovery", "device", bytes(64), T0))).isEqualTo(KeySlotOutcome.LAST_RECOVERY);
        assertThat(accounts.listKeySlots(alice)).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("recovery");
            assertThat(s.blob()).isEqualTo(blob);
        });
        assertThat(accounts.listRetiredKeySlots(alice)).isEmpty();
        // With a second recovery slot, either may go, but not both.
        accounts.putKeySlot(alice, new KeySlotRecord("recovery-2", "recovery", bytes(64), T0));
        assertThat(accounts.deleteKeySlot(alice, "recovery", T0)).isEqualTo(KeySlotOutcome.DONE);
        assertThat(accounts.deleteKeySlot(alice, "recovery-2", T0)).isEqualTo(KeySlotOutcome.LAST_RECOVERY);
        assertThat(accounts.listKeySlots(alice)).extracting(KeySlotRecord::slotId).containsExactly("recovery-2");
    }

    // ---- signed requests ---------------------------------------------------------------------

    @Test
    void aSignedRequestIsRememberedOncePerAccountUntilForgotten() {
        byte[] h1 = bytes(32);
        byte[] h2 = bytes(32);
        assertThat(signatures.remember("acc-a", h1, T0.plusSeconds(300))).isTrue();
        assertThat(signatures.remember("acc-a", h1, T0.plusSeconds(300))).isFalse();
        assertThat(signatures.remember("acc-b", h1, T0.plusSeconds(300))).isTrue();
        assertThat(signatures.remember("acc-a", h2, T0.plusSeconds(600))).isTrue();
        assertThat(signatures.forgetBefore(T0.plusSeconds(300))).isZero();
        assertThat(signatures.forgetBefore(T0.plusSeconds(301))).isEqualTo(2);
        assertThat(signatures.remember("acc-a", h2, T0.plusSeconds(600))).isFalse();
        assertThat(signatures.remember("acc-a", h1, T0.plusSeconds(900))).isTrue();
    }

    // ---- login throttling -------------------------------------------------------------------

    private static final LoginThrottlePolicy THROTTLE = new LoginThrottlePolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(10));

    private static final LoginReservation ADMITTED = new LoginReservation(true, java.util.Optional.empty());

    @Test
    void theMaxAttemptInAWindowBlocksUntilTheBlockEnds() {
        assertThat(accounts.reserveLoginAttempt("kim", T0, THROTTLE)).isEqualTo(ADMITTED);
        assertThat(accounts.reserveLoginAttempt("kim", T0.plusSeconds(60), THROTTLE)).isEqualTo(ADMITTED);
        assertThat(accounts.loginBlockedUntil("kim", T0.plusSeconds(61))).isEmpty();
        Instant third = T0.plusSeconds(120);
        Instant until = third.plus(THROTTLE.block());
        // The last attempt of the window still goes on to its check, but blocks the name at once.
        assertThat(accounts.reserveLoginAttempt("kim", third, THROTTLE)).isEqualTo(new LoginReservation(true, java.util.Optional.of(until)));
        assertThat(accounts.loginBlockedUntil("kim", third.plusSeconds(1))).contains(until);
        assertThat(accounts.reserveLoginAttempt("kim", third.plusSeconds(1), THROTTLE)).as("refused while blocked, changing nothing")
                .isEqualTo(LoginReservation.refused(until));
        assertThat(accounts.loginBlockedUntil("kim", third.plusSeconds(2))).contains(until);
        assertThat(accounts.loginBlockedUntil("other", third)).isEmpty();
        assertThat(accounts.loginBlockedUntil("kim", until)).isEmpty();
        // After the block, within the same window: one more attempt, which blocks again if it fails.
        assertThat(accounts.reserveLoginAttempt("kim", until, THROTTLE).blockedUntil()).contains(until.plus(THROTTLE.block()));
    }

    @Test
    void attemptsOutsideTheWindowStartANewCount() {
        accounts.reserveLoginAttempt("lee", T0, THROTTLE);
        accounts.reserveLoginAttempt("lee", T0.plusSeconds(1), THROTTLE);
        Instant later = T0.plus(THROTTLE.window()).plusSeconds(1);
        assertThat(accounts.reserveLoginAttempt("lee", later, THROTTLE)).as("a new window: 1 attempt").isEqualTo(ADMITTED);
        assertThat(accounts.reserveLoginAttempt("lee", later.plusSeconds(1), THROTTLE)).isEqualTo(ADMITTED);
        assertThat(accounts.reserveLoginAttempt("lee", later.plusSeconds(2), THROTTLE).blockedUntil()).isPresent();
    }

    @Test
    void clearingForgetsTheAttemptsAndTheBlockAndStaleRowsGo() {
        accounts.reserveLoginAttempt("max", T0, THROTTLE);
        accounts.reserveLoginAttempt("max", T0, THROTTLE);
        accounts.clearLoginFailures("max");
        assertThat(accounts.reserveLoginAttempt("max", T0, THROTTLE)).isEqualTo(ADMITTED);

        for (int i = 0; i < 3; i++) accounts.reserveLoginAttempt("ned", T0, THROTTLE); // blocked until T0 + 10 min
        assertThat(accounts.deleteStaleLoginFailures(T0.plusSeconds(60))).as("max's window started at T0, but ned is still blocked").isEqualTo(1);
        assertThat(accounts.loginBlockedUntil("ned", T0.plusSeconds(61))).isPresent();
        assertThat(accounts.deleteStaleLoginFailures(T0.plus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(accounts.loginBlockedUntil("ned", T0.plusSeconds(61))).isEmpty();

        // A success during a block (the last attempt was the right one) lifts it.
        for (int i = 0; i < 3; i++) accounts.reserveLoginAttempt("ora", T0, THROTTLE);
        accounts.clearLoginFailures("ora");
        assertThat(accounts.loginBlockedUntil("ora", T0)).isEmpty();
        assertThat(accounts.reserveLoginAttempt("ora", T0, THROTTLE)).isEqualTo(ADMITTED);
    }

    @Test
    void concurrentAttemptsAreEachCounted() throws Exception {
        LoginThrottlePolicy policy = new LoginThrottlePolicy(40, Duration.ofMinutes(15), Duration.ofMinutes(10));
        List<LoginReservation> all = reserveAtOnce("oz", 40, policy);
        assertThat(all).allMatch(LoginReservation::admitted);
        assertThat(all).filteredOn(r -> r.blockedUntil().isPresent()).as("exactly the 40th blocks").hasSize(1);
        assertThat(accounts.loginBlockedUntil("oz", T0)).isPresent();
    }

    @Test
    void ofAParallelBurstOnlyMaxFailuresAttemptsAreAdmitted() throws Exception {
        LoginThrottlePolicy policy = new LoginThrottlePolicy(10, Duration.ofMinutes(15), Duration.ofMinutes(10));
        List<LoginReservation> all = reserveAtOnce("pia", 41, policy);
        assertThat(all).filteredOn(LoginReservation::admitted).hasSize(10);
        assertThat(all).filteredOn(r -> !r.admitted()).hasSize(31)
                .allSatisfy(r -> assertThat(r.blockedUntil()).contains(T0.plus(policy.block())));
        assertThat(all).filteredOn(r -> r.admitted() && r.blockedUntil().isPresent()).as("the 10th admitted blocks").hasSize(1);
    }

    private List<LoginReservation> reserveAtOnce(String name, int n, LoginThrottlePolicy policy) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LoginReservation>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return accounts.reserveLoginAttempt(name, T0, policy);
                }));
            }
            go.countDown();
            List<LoginReservation> out = new ArrayList<>();
            for (Future<LoginReservation> r : results) out.add(r.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
