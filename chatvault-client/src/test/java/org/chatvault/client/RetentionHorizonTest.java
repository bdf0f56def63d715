package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.sync.ExpiredHistory;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.verify.VerifyOptions;
import org.chatvault.client.verify.VerifyReport;
import org.chatvault.core.format.Months;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.Catalog;
import org.chatvault.server.billing.Catalogs;
import org.chatvault.server.billing.Plan;
import org.chatvault.server.jobs.SweepJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a retention cut (issue 11): a restore on a new device gives exactly the history the plan
 * still covers and names what expired; the device that still holds the expired messages backs up
 * without uploading them, twice; verify is clean on both. Through a real server whose clock moves
 * the plan's horizon, and whose storage really loses the expired months.
 */
class RetentionHorizonTest {
    /** The free plan of this test keeps three years, so three years of generated history fit until the clock moves. */
    private static final Period WINDOW = Period.ofYears(3);
    /** The server's "now" at the first backup: a day after the newest generated message. */
    private static final Instant START = Instant.ofEpochMilli(TestVault.NOW).plus(Duration.ofDays(1));
    /** Within the refresh token's 90 days, so the devices stay logged in. */
    private static final Duration LATER = Duration.ofDays(80);

    @TempDir Path dir;

    /** A clock the test moves; the server reads it on every request. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) { now = start; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now; }
    }

    private static BillingConfig threeYearsFree() {
        Plan free = new Plan(Catalog.FREE_PLAN, "Free", true, WINDOW, Long.MAX_VALUE);
        return BillingConfig.defaults().withCatalogs(new Catalogs(List.of(new Catalog(1, List.of(free), List.of()))));
    }

    /** The first month the plan keeps at {@code t}, as the server's retention schedule computes it for a free account. */
    private static int keptFrom(Instant t) {
        return Months.of(t.atZone(ZoneOffset.UTC).minus(WINDOW).toInstant().toEpochMilli());
    }

    @Test
    void afterARetentionCutRestoreGivesTheCoveredHistoryAndNamesWhatExpiredAndNothingIsUploadedAgain() throws Exception {
        MovableClock clock = new MovableClock(START);
        try (TestVault vault = new TestVault(dir, c -> c.withBilling(threeYearsFree()), clock)) {
            var created = vault.create("phone", "carol");
            try (Session a = created.session(); LocalStore phone = vault.store("phone"); Vault oldPhone = Vault.over(a, phone, clock)) {
                TestVault.generate(phone, 1111, 12, 4_000);
                TestVault.materialize(phone, 0.01);
                assertThat(oldPhone.backUp(BackupListener.NONE).version()).isEqualTo(1);
                oldPhone.backUpMedia(MediaBackupService.Listener.NONE);
                VerifyReport before = oldPhone.verify(VerifyOptions.READ_ALL);
                assertThat(before.problems()).isEmpty();
                assertThat(before.expired()).as("the whole history is within three years").isEmpty();
                assertThat(a.api().head().keptFromMonth()).isEqualTo(keptFrom(START));

                // 80 days on, the plan's window has moved past the oldest months; the server deletes them.
                clock.advance(LATER);
                int horizon = keptFrom(clock.instant());
                assertThat(horizon).isGreaterThan(keptFrom(START));
                assertThat(a.api().head().keptFromMonth()).isEqualTo(horizon);
                Map<Conversation, List<Message>> all = Stores.snapshot(phone);
                long expiredMessages = all.values().stream().flatMap(List::stream).filter(m -> Months.of(m.sentAt()) < horizon).count();
                assertThat(expiredMessages).as("the cut takes some of the history, not none").isPositive();
                assertThat(ExpiredBuckets.delete(vault, horizon).packsDeleted()).isPositive();
                assertThat(ExpiredBuckets.objectsBelow(vault, horizon)).isZero();

                // The old phone still holds everything, gets a late message in an expired month and a new one today.
                List<Conversation> conversations = new ArrayList<>(all.keySet());
                Conversation old = conversations.getFirst(), recent = conversations.getLast();
                long lateAt = Months.start(keptFrom(START)) + 3_600_000L;
                phone.addMessages(List.of(Message.text(old.id(), "late-expired", lateAt, "carol", "an old message found late")));
                phone.addMessages(List.of(Message.text(recent.id(), "today", clock.millis(), "carol", "hello after the cut")));
                BackupReport first = oldPhone.backUp(BackupListener.NONE);
                assertThat(first.version()).isEqualTo(before.version() + 1);
                assertThat(ExpiredBuckets.objectsBelow(vault, horizon)).as("nothing of the expired months went up again").isZero();
                MediaBackupService.Report media = oldPhone.backUpMedia(MediaBackupService.Listener.NONE);
                assertThat(media.objectsUploaded()).as("no media of expired months").isZero();
                assertThat(ExpiredBuckets.objectsBelow(vault, horizon)).isZero();
                BackupReport second = oldPhone.backUp(BackupListener.NONE);
                assertThat(second.objectsUploaded()).as("the second backup uploads nothing").isZero();
                assertThat(second.version()).isEqualTo(first.version());
                assertThat(oldPhone.backUpMedia(MediaBackupService.Listener.NONE).objectsUploaded()).isZero();
                assertThat(Stores.snapshot(phone).get(old)).as("the phone keeps its own expired messages")
                        .anyMatch(m -> m.id().equals("late-expired"));

                VerifyReport onPhone = oldPhone.verify(VerifyOptions.READ_ALL);
                assertThat(onPhone.problems()).as("expired months are not damage").isEmpty();
                assertThat(onPhone.pending()).as("nor pending").isEmpty();
                assertThat(onPhone.expired()).isNotEmpty();
                assertThat(onPhone.horizon().keptFrom()).isEqualTo(horizon);
                assertThat(before.horizon().keptFrom()).as("announced from the start, with nothing below it yet").isEqualTo(keptFrom(START));

                // A new phone restores exactly what the plan still covers, and is told what expired and when.
                try (Session b = vault.newDevice("new-phone", "carol", created.recoveryKey()); LocalStore newPhone = vault.store("new-phone");
                     Vault restored = Vault.over(b, newPhone, clock)) {
                    RestoreReport r = restored.restore(RestoreListener.NONE);
                    assertThat(r.unrestored()).as("expired history is not reported as lost").isEmpty();
                    assertThat(Stores.snapshot(newPhone)).isEqualTo(covered(Stores.snapshot(phone), horizon));
                    assertThat(r.expired()).extracting(ExpiredHistory::conversationId).doesNotHaveDuplicates();
                    assertThat(r.expired().stream().mapToLong(ExpiredHistory::messages).sum()).isEqualTo(expiredMessages);
                    String learnt = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString();
                    assertThat(r.horizon().keptFrom()).isEqualTo(horizon);
                    assertThat(ExpiredHistory.describe(r.horizon()))
                            .isEqualTo("history before " + monthName(horizon) + " expired under your plan on " + learnt);
                    assertThat(r.expired()).allSatisfy(x -> assertThat(x.describe())
                            .contains("history before " + monthName(horizon) + " expired under your plan on " + learnt));
                    MediaRestoreService.Report m = restored.restoreMedia(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE);
                    assertThat(m.unrestored()).isEmpty();
                    assertThat(m.files()).isPositive();

                    VerifyReport onNewPhone = restored.verify(VerifyOptions.READ_ALL);
                    assertThat(onNewPhone.problems()).isEmpty();
                    assertThat(onNewPhone.pending()).isEmpty();
                    assertThat(onNewPhone.expired()).hasSameSizeAs(r.expired());
                    assertThat(restored.backUp(BackupListener.NONE).objectsUploaded()).as("the new phone has nothing to add").isZero();
                }
            }
        }
    }

    /** {@code all} without the messages of months below {@code horizon}. */
    private static Map<Conversation, List<Message>> covered(Map<Conversation, List<Message>> all, int horizon) {
        Map<Conversation, List<Message>> out = new LinkedHashMap<>();
        all.forEach((c, ms) -> out.put(c, ms.stream().filter(m -> Months.of(m.sentAt()) >= horizon).toList()));
        return out;
    }

    /** A month as the reports name it: "March 2025". */
    private static String monthName(int yyyymm) {
        return java.time.YearMonth.of(yyyymm / 100, yyyymm % 100).getMonth()
                .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + yyyymm / 100;
    }

    /**
     * What the lifecycle job does to an account's storage when its plan's window moves (issue 11;
     * that job is written elsewhere): every object of a bucket below the horizon is dropped and
     * swept, without being read. Kept in one place so the job itself can replace it.
     */
    static final class ExpiredBuckets {
        private ExpiredBuckets() {}

        static SweepJob.Result delete(TestVault vault, int keptFrom) throws SQLException {
            try (Connection c = metadata(vault);
                 PreparedStatement drop = c.prepareStatement("UPDATE objects SET dropped_at = 0 WHERE bucket > 0 AND bucket < ? AND dropped_at IS NULL")) {
                drop.setInt(1, keptFrom);
                assertThat(drop.executeUpdate()).isPositive();
            }
            return vault.server.sweepDroppedObjectsNow();
        }

        /** How many objects of buckets below {@code keptFrom} the server holds. */
        static long objectsBelow(TestVault vault, int keptFrom) throws SQLException {
            try (Connection c = metadata(vault); PreparedStatement q = c.prepareStatement("SELECT count(*) FROM objects WHERE bucket > 0 AND bucket < ?")) {
                q.setInt(1, keptFrom);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private static Connection metadata(TestVault vault) throws SQLException {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + vault.dataDir.resolve("metadata.db"));
            try (var s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            return c;
        }
    }
}
