package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.archive.ArchiveDownload;
import org.chatvault.client.archive.ArchiveException;
import org.chatvault.client.archive.ArchiveFiles;
import org.chatvault.client.archive.ArchiveReader;
import org.chatvault.client.archive.ArchiveVault;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.local.ConversationSummary;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.core.error.WrongKeyException;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.model.Message;
import org.chatvault.generator.MediaMaterializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Take it with you": the whole vault downloaded into one archive file, then restored from it
 * with the recovery key while the server is stopped, text and media alike; a file cut short or
 * damaged is refused, naming which, before anything is restored.
 */
class ArchiveTest {
    @TempDir Path dir;

    @Test
    void anArchiveRestoresTheWholeVaultWithTheServerStopped() throws IOException {
        Path file = dir.resolve("exports").resolve("nora.cvarchive");
        Files.createDirectories(file.getParent());
        try (TestVault vault = new TestVault(dir); LocalStore phone = vault.store("phone")) {
            AccountService.Created created = vault.create("phone", "nora");
            TestVault.generate(phone, 43, 8, 2_500);
            MediaMaterializer.Report made = TestVault.materialize(phone, 0.02);
            assertThat(made.files()).as("the history has media").isGreaterThan(10);
            try (Session s = created.session()) {
                backUp(s, phone);
                // A second version, so the vault also holds objects the head no longer needs.
                List<Message> more = new ArrayList<>();
                for (ConversationSummary c : phone.recentConversations(3))
                    more.add(Message.text(c.conversation().id(), "late", c.lastActivity() + 1, "me", "one more before leaving"));
                phone.addMessages(more);
                long version = backUp(s, phone);

                ArchiveDownload.Report r = new ArchiveDownload(s, Clock.systemUTC()).run("nora", file, ArchiveDownload.Listener.NONE);
                assertThat(r.headVersion()).isEqualTo(version);
                assertThat(r.objects()).isPositive();
                assertThat(r.unreadableOnServer()).isZero();
                assertThat(r.bytes()).isEqualTo(Files.size(file));
                assertThatThrownBy(() -> new ArchiveDownload(s, Clock.systemUTC()).run("nora", file, ArchiveDownload.Listener.NONE))
                        .isInstanceOf(ClientException.class).hasMessageContaining("already exists");
            }
            assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            try (Stream<Path> files = Files.list(file.getParent())) {
                assertThat(files).as("no part file left").containsExactly(file);
            }

            vault.stop(); // from here on there is no server at all
            try (ArchiveVault archive = ArchiveVault.open(file, new Unlock.WithRecoveryKey(created.recoveryKey()));
                 LocalStore restored = vault.store("new-phone")) {
                assertThat(archive.header().username()).isEqualTo("nora");
                RestoreReport text = new RestoreService(archive, restored, Clock.systemUTC()).run(RestoreListener.NONE);
                assertThat(text.complete()).as("%s", text.unrestored()).isTrue();
                MediaRestoreService.Report media = new MediaRestoreService(archive, restored, Clock.systemUTC())
                        .run(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE);
                assertThat(media.unrestored()).isEmpty();
                assertThat(media.files()).isEqualTo(made.files());
                assertThat(Stores.snapshot(restored)).isEqualTo(Stores.snapshot(phone));
                MediaTest.assertSameFiles(phone.media(), restored.media());
            }
            // The passphrase slot travels too; a wrong recovery key opens nothing.
            try (ArchiveVault byPassphrase = ArchiveVault.open(file, new Unlock.WithPassphrase(TestVault.PASSPHRASE.toCharArray()))) {
                assertThat(byPassphrase.header().headVersion()).isPositive();
            }
            String wrong = "0".repeat(64);
            assertThatThrownBy(() -> ArchiveVault.open(file, new Unlock.WithRecoveryKey(wrong)))
                    .isInstanceOf(WrongKeyException.class).hasMessageContaining("recovery key does not open this vault");
        }
    }

    @Test
    void aFileCutShortOrDamagedIsRefusedSayingWhichAndAMissingObjectCostsOnlyItself() throws IOException {
        Path file = dir.resolve("ida.cvarchive");
        String recoveryKey;
        try (TestVault vault = new TestVault(dir); LocalStore phone = vault.store("phone")) {
            AccountService.Created created = vault.create("phone", "ida");
            recoveryKey = created.recoveryKey();
            TestVault.generate(phone, 5, 4, 3_000);
            try (Session s = created.session()) {
                backUp(s, phone);
                new ArchiveDownload(s, Clock.systemUTC()).run("ida", file, ArchiveDownload.Listener.NONE);
            }
            // A download cut midway fails in words and leaves no file behind, not even its part file.
            long half = Files.size(file) / 2;
            assertThat(half).as("an archive big enough to cut in the middle").isGreaterThan(50_000);
            Path cutOff = dir.resolve("downloads").resolve("cut-off.cvarchive");
            Files.createDirectories(cutOff.getParent());
            try (CuttingProxy proxy = new CuttingProxy(vault.uri(), half)) {
                ProfileStore profiles = new ProfileStore(dir.resolve("phone"));
                profiles.save(profiles.require().withServer(proxy.uri().toString()));
                try (Session viaProxy = new AccountService(profiles).resume()) {
                    assertThatThrownBy(() -> new ArchiveDownload(viaProxy, Clock.systemUTC()).run("ida", cutOff, ArchiveDownload.Listener.NONE))
                            .isInstanceOf(ClientException.class).hasMessageContaining("downloading the archive failed");
                }
            }
            try (Stream<Path> left = Files.list(cutOff.getParent())) {
                assertThat(left).isEmpty();
            }
        }
        byte[] whole = Files.readAllBytes(file);
        try (ArchiveReader ok = ArchiveReader.open(file)) {
            assertThat(ok.objectCount()).isPositive();
            assertThat(ok.head().version()).isEqualTo(1);
        }

        Path cut = dir.resolve("cut.cvarchive");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 1_000));
        assertThatThrownBy(() -> ArchiveReader.open(cut)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("is incomplete").hasMessageContaining("cut short");

        for (int at : new int[] {10, whole.length / 2, whole.length - 40}) {
            byte[] flipped = whole.clone();
            flipped[at] ^= 0x10;
            Path damaged = dir.resolve("damaged-" + at + ".cvarchive");
            Files.write(damaged, flipped);
            assertThatThrownBy(() -> ArchiveVault.open(damaged, new Unlock.WithRecoveryKey("1".repeat(64))))
                    .as("a byte flipped at %d", at).isInstanceOf(ArchiveException.class).hasMessageContaining("is damaged");
        }

        // A whole, well-hashed archive that lacks one segment: the restore names it and restores everything else.
        Path partial = dir.resolve("partial.cvarchive");
        ObjectId left = ArchiveFiles.copyWithout(file, partial, f -> f.kind() == ObjectKind.SEGMENT);
        try (ArchiveVault archive = ArchiveVault.open(partial, new Unlock.WithRecoveryKey(recoveryKey));
             LocalStore restored = LocalStore.open(dir.resolve("partial").resolve("local.db"))) {
            RestoreReport r = new RestoreService(archive, restored, Clock.systemUTC()).run(RestoreListener.NONE);
            assertThat(r.unrestored()).hasSize(1);
            assertThat(r.unrestored().getFirst().describe()).contains(left.hex()).contains("not in the archive");
            assertThat(restored.messageCount()).isPositive();
        }

        Path other = dir.resolve("notes.txt");
        Files.writeString(other, "these are not the chats you are looking for");
        assertThatThrownBy(() -> ArchiveReader.open(other)).isInstanceOf(ArchiveException.class).hasMessageContaining("is not a Chatvault archive");
        byte[] newer = whole.clone();
        System.arraycopy("CVA2".getBytes(StandardCharsets.US_ASCII), 0, newer, 0, 4);
        Path future = dir.resolve("future.cvarchive");
        Files.write(future, newer);
        assertThatThrownBy(() -> ArchiveReader.open(future)).isInstanceOf(ArchiveException.class).hasMessageContaining("newer format");
        assertThatThrownBy(() -> ArchiveReader.open(dir.resolve("absent.cvarchive"))).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("there is no archive at");
        assertThat(Files.readAllBytes(file)).as("reading changed nothing").isEqualTo(whole);
    }

    /** Backs up text and media; returns the head version. */
    private static long backUp(Session s, LocalStore store) {
        new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
        if (Files.isDirectory(store.media().root()))
            new MediaBackupService(s, store, Clock.systemUTC()).run(MediaBackupService.Listener.NONE);
        return s.api().head().version();
    }
}
