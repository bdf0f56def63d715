package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.vault.HeadChange;
import org.chatvault.server.account.LoginHash;
import org.chatvault.server.vault.NewPack;
import org.chatvault.server.vault.ObjectEntry;
import org.chatvault.server.store.fs.FileSystemObjectStore;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.vault.HeadService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chatvault jobs run}: an operator's run of a server job over the server's data directory. */
class JobsCommandTest extends ConsoleTest {
    @TempDir Path dir;

    /**
     * A data directory as a server leaves it: one account whose second commit dropped the first
     * root three days ago, so its pack is past the default one-day safety delay.
     *
     * @return the storage key of that pack
     */
    private String dataWithAPackToSweep(Path data) throws Exception {
        Files.createDirectories(data);
        Instant longAgo = Instant.now().minus(Duration.ofDays(3));
        FileSystemObjectStore blobs = new FileSystemObjectStore(data.resolve("objects"));
        try (SqlStores stores = SqlStores.sqlite(data.resolve("metadata.db"))) {
            stores.accounts().createAccount(new AccountRecord("acc-kim", "kim", "kim",
                    new LoginHash(new byte[16], new byte[32], new Argon2Params(64, 1, 1)), longAgo, null));
            ObjectId[] roots = new ObjectId[2];
            for (int i = 0; i < 2; i++) {
                byte[] id = new byte[32];
                Arrays.fill(id, (byte) (i + 1));
                roots[i] = ObjectId.of(id);
                String key = "packs/acc-kim/p" + i;
                blobs.put(key, new ByteArrayInputStream(new byte[100]), 100);
                stores.objects().indexPacks("acc-kim", List.of(new NewPack("p" + i, 0, key, 100,
                        List.of(new ObjectEntry(roots[i], ObjectKind.ROOT_MANIFEST, 0, 4, 96)))), longAgo);
            }
            HeadService heads = new HeadService(stores.objects(), Clock.systemUTC());
            heads.compareAndSwap("acc-kim", new HeadChange(0, roots[0], Set.of(), Set.of(), longAgo));
            heads.compareAndSwap("acc-kim", new HeadChange(1, roots[1], Set.of(), Set.of(roots[0]), longAgo));
        }
        return "packs/acc-kim/p0";
    }

    @Test
    void aDrySweepSaysWhatItWouldDeleteAndDeletesNothing() throws Exception {
        Path data = dir.resolve("data");
        String pack = dataWithAPackToSweep(data);
        FileSystemObjectStore blobs = new FileSystemObjectStore(data.resolve("objects"));

        assertThat(Main.run("jobs", "run", "sweep", "--dry-run", "--data-dir", data.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("sweep (dry run): 1 accounts with dropped objects past the safety delay, 1 packs (100 bytes) would be deleted")
                .contains("account acc-kim: 1 packs (100 bytes)");
        assertThat(blobs.exists(pack)).isTrue();
        out.reset();
        assertThat(Main.run("jobs", "run", "sweep", "--dry-run", "--data-dir", data.toString())).isZero();
        assertThat(stdout()).as("the dry run changed nothing").contains("1 packs (100 bytes) would be deleted");

        out.reset();
        assertThat(Main.run("jobs", "run", "sweep", "--data-dir", data.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("sweep: 1 accounts with dropped objects past the safety delay, 1 packs (100 bytes) deleted");
        assertThat(blobs.exists(pack)).isFalse();
        assertThat(blobs.exists("packs/acc-kim/p1")).isTrue();
    }

    @Test
    void aRepackWithNothingToDoSaysSo() throws Exception {
        Path data = dir.resolve("data");
        dataWithAPackToSweep(data);
        assertThat(Main.run("jobs", "run", "repack", "--data-dir", data.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("repack: 0 sparse or small packs of 0 accounts rewritten into 0");
    }

    @Test
    void tieringOnTheFilesystemSaysThereIsNothingToDo() throws Exception {
        Path data = dir.resolve("data");
        dataWithAPackToSweep(data);
        assertThat(Main.run("jobs", "run", "tier", "--dry-run", "--data-dir", data.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("tier (dry run): objects are kept on the filesystem, which has a single storage class; nothing to do");
    }

    @Test
    void aColdClassThatCannotBeReadAtOnceIsAOneLineConfigError() throws Exception {
        Path config = Files.writeString(dir.resolve("server.properties"), """
                storage.objects=s3
                s3.bucket=chatvault-packs
                s3.access-key=AKIAEXAMPLE
                s3.secret-key=wJalrXUtnFEMI
                s3.cold-storage-class=DEEP_ARCHIVE
                """);
        assertThat(Main.run("jobs", "run", "tier", "--config", config.toString(), "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("s3.cold-storage-class").contains("must be restored").contains("GLACIER_IR")
                .doesNotContain("Exception").doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void anUnknownJobIsAUsageErrorNamingTheJobs() {
        assertThat(Main.run("jobs", "run", "compact", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("no job named 'compact'; the jobs are lifecycle, sweep, repack and tier").doesNotContain("Exception");
        assertThat(dir.resolve("metadata.db")).as("nothing opened").doesNotExist();
    }

    /** An account created three days ago holding one segment of January 2020 and one of this month. */
    private void dataWithAnOldMonth(Path data) throws Exception {
        Files.createDirectories(data);
        Instant created = Instant.now().minus(Duration.ofDays(3));
        FileSystemObjectStore blobs = new FileSystemObjectStore(data.resolve("objects"));
        try (SqlStores stores = SqlStores.sqlite(data.resolve("metadata.db"))) {
            stores.accounts().createAccount(new AccountRecord("acc-lee", "lee", "lee",
                    new LoginHash(new byte[16], new byte[32], new Argon2Params(64, 1, 1)), created, null));
            int thisMonth = org.chatvault.core.format.Months.of(Instant.now().toEpochMilli());
            int i = 0;
            for (int bucket : new int[] {202001, thisMonth}) {
                byte[] id = new byte[32];
                Arrays.fill(id, (byte) (++i));
                String key = "packs/acc-lee/m" + i;
                blobs.put(key, new ByteArrayInputStream(new byte[100]), 100);
                stores.objects().indexPacks("acc-lee", List.of(new NewPack("m" + i, bucket, key, 100,
                        List.of(new ObjectEntry(ObjectId.of(id), ObjectKind.SEGMENT, bucket, 4, 96)))), created);
            }
        }
    }

    @Test
    void aLifecyclePreviewOnALaterDateSaysWhatWouldGoAndChangesNothing() throws Exception {
        Path data = dir.resolve("data");
        dataWithAnOldMonth(data);
        byte[] before = Files.readAllBytes(data.resolve("metadata.db"));

        assertThat(Main.run("jobs", "run", "lifecycle", "--dry-run", "--data-dir", data.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("lifecycle (dry run): 1 accounts, 1 objects (96 bytes) would be removed")
                .contains("account acc-lee: 1 objects (96 bytes) of months before");
        out.reset();
        String later = LocalDate.now(ZoneOffset.UTC).plusYears(2).toString();
        assertThat(Main.run("jobs", "run", "lifecycle", "--dry-run", "--as-of", later, "--data-dir", data.toString())).as(stderr()).isZero();
        assertThat(stdout()).contains("lifecycle (dry run as of " + later + "T00:00:00Z): 1 accounts, 2 objects (192 bytes) would be removed")
                .contains("deleted accounts: 1, 2 objects (192 bytes) in 2 packs (200 bytes) would be removed")
                .contains("account acc-lee unused since");
        assertThat(new FileSystemObjectStore(data.resolve("objects")).list("packs/")).hasSize(2);
        try (SqlStores stores = SqlStores.sqlite(data.resolve("metadata.db"))) {
            assertThat(stores.objects().accountsWithDroppedObjects(Instant.now().plus(Duration.ofDays(1000)), null, 10)).isEmpty();
            assertThat(stores.accounts().findAccount("acc-lee")).isPresent();
        }
        assertThat(Files.size(data.resolve("metadata.db"))).isEqualTo(before.length);
    }

    @Test
    void asOfIsRefusedWithoutDryRunOrForAnotherJobOrWithABadDate() {
        assertThat(Main.run("jobs", "run", "lifecycle", "--as-of", "2030-01-01", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--as-of previews what a later run would do and changes nothing: add --dry-run").doesNotContain("Exception");
        assertThat(Main.run("jobs", "run", "sweep", "--dry-run", "--as-of", "2030-01-01", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--as-of previews the lifecycle job only, not sweep");
        assertThat(Main.run("jobs", "run", "lifecycle", "--dry-run", "--as-of", "next year", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(stderr()).contains("--as-of takes a date such as 2027-01-14");
        assertThat(dir.resolve("metadata.db")).as("nothing opened").doesNotExist();
    }
}
