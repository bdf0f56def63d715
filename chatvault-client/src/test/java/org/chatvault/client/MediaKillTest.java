package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.Profile;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupOptions;
import org.chatvault.client.backup.BackupService;
import org.chatvault.generator.MediaMaterializer;
import org.chatvault.client.http.RetryPolicy;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.core.chunking.ChunkerParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A media backup killed again and again at seeded points — connections cut after a random
 * number of bytes, or the client dying after a random number of files — and then run to the
 * end: the vault is complete, restores byte for byte, and nothing that had landed was sent
 * again; at most the batch in flight at each kill is lost.
 */
class MediaKillTest {
    private static final long SEED = 20261129L;
    private static final int KILLS = 20;
    private static final BackupOptions SMALL_BATCHES = new BackupOptions(1024 * 1024, 4_000);

    @TempDir Path dir;

    @Test
    void killedAtTwentySeededPointsThenRunToTheEndGivesACompleteVault() throws Exception {
        SplittableRandom random = new SplittableRandom(SEED);
        System.out.println("MediaKillTest seed " + SEED);
        try (TestVault vault = new TestVault(dir)) {
            AccountService.Created created = vault.create("phone", "kim");
            try (LocalStore phone = vault.store("phone")) {
                TestVault.generate(phone, 5, 6, 1_500);
                MediaMaterializer.Report made = TestVault.materialize(phone, 0.05);
                try (Session s = created.session()) {
                    new BackupService(s, phone, Clock.systemUTC()).run(BackupListener.NONE);
                }
                MediaBackupService.Pending before = MediaBackupService.pending(phone);
                assertThat(before.files()).isEqualTo(made.files());
                assertThat(before.thumbnails()).isEqualTo(made.thumbnails());
                assertThat(before.bytes()).isEqualTo(made.bytes());
                long sent = 0;
                int networkCuts = 0;
                int crashes = 0;
                int killedHalfWay = 0;
                int finishedBeforeTheCrashPoint = 0;
                for (int kill = 0; kill < KILLS; kill++) {
                    if (kill % 2 == 0) {
                        long budget = 200_000 + random.nextLong(made.bytes() / 4);
                        try (FlakyProxy proxy = new FlakyProxy(vault.uri(), budget); Session cut = via(vault, "phone", proxy.uri())) {
                            try {
                                new MediaBackupService(cut, phone, Clock.systemUTC(), SMALL_BATCHES).run(MediaBackupService.Listener.NONE);
                            } catch (RuntimeException e) {
                                assertThat(proxy.wasCut()).as("only the cut fails a run: %s", e).isTrue();
                            }
                            sent += proxy.wasCut() ? budget : 0;
                            if (proxy.wasCut()) networkCuts++;
                        }
                    } else {
                        int filesBeforeCrash = 1 + random.nextInt(12);
                        try (Session s = via(vault, "phone", vault.uri())) {
                            // How far the cut runs before got depends on timing, not only on their seeded
                            // budgets: when fewer files than the crash point were left, the run ends
                            // normally, and then it must have sent everything.
                            try {
                                new MediaBackupService(s, phone, Clock.systemUTC(), SMALL_BATCHES).run(crashAfter(filesBeforeCrash));
                                assertThat(MediaBackupService.pending(phone)).as("a run that was not killed finished the job")
                                        .isEqualTo(new MediaBackupService.Pending(0, 0, 0, 0));
                                finishedBeforeTheCrashPoint++;
                            } catch (Crash expected) {
                                crashes++;
                            }
                        }
                    }
                    // what `chatvault status` reports after a media backup was killed half-way
                    MediaBackupService.Pending left = MediaBackupService.pending(phone);
                    int items = left.files() + left.thumbnails();
                    if (items > 0 && items < made.files() + made.thumbnails()) killedHalfWay++;
                }
                assertThat(killedHalfWay).as("runs killed with part of the media sent, and the rest pending").isPositive();
                MediaBackupService.Report last;
                try (Session s = via(vault, "phone", vault.uri())) {
                    last = new MediaBackupService(s, phone, Clock.systemUTC(), SMALL_BATCHES).run(MediaBackupService.Listener.NONE);
                    long stored = s.api().usage().bytes();
                    // What crossed the network over all runs: the stored vault, plus at most one
                    // batch (and the object that overfilled it) lost at each network cut.
                    long perCut = SMALL_BATCHES.batchBytes() + ChunkerParams.DEFAULT.max() + 64 * 1024;
                    assertThat(sent + last.bytesUploaded()).isLessThanOrEqualTo(stored + (long) networkCuts * perCut);
                }
                assertThat(MediaBackupService.pending(phone)).isEqualTo(new MediaBackupService.Pending(0, 0, 0, 0));
                assertThat(networkCuts).as("the seeded budgets cut the uploads").isGreaterThanOrEqualTo(5);
                assertThat(crashes + finishedBeforeTheCrashPoint).isEqualTo(KILLS / 2);
                assertThat(crashes).as("runs killed at their seeded point").isGreaterThanOrEqualTo(3);
                try (Session tablet = vault.newDevice("tablet", "kim", created.recoveryKey()); LocalStore restored = vault.store("tablet")) {
                    new RestoreService(tablet, restored, Clock.systemUTC()).run(RestoreListener.NONE);
                    new MediaRestoreService(tablet, restored, Clock.systemUTC()).run(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE);
                    MediaTest.assertSameFiles(phone.media(), restored.media());
                }
            }
        }
    }

    private static final class Crash extends RuntimeException {
        Crash() { super("simulated crash"); }
    }

    private static MediaBackupService.Listener crashAfter(int files) {
        return new MediaBackupService.Listener() {
            int done;

            @Override public void started(int files, long bytes) {}

            @Override public void fileDone(long bytes) {
                if (++done >= files) throw new Crash();
            }
        };
    }

    /** The device's session talking to the server through {@code via}, without retries, so a cut fails at once. */
    private static Session via(TestVault vault, String device, URI via) {
        ProfileStore profiles = new ProfileStore(vault.dir.resolve(device));
        Profile p = profiles.require();
        profiles.save(p.withServer(via.toString()));
        return new AccountService(profiles).resume(RetryPolicy.NONE);
    }
}
