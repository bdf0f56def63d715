package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.Session;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.verify.VerifyOptions;
import org.chatvault.client.verify.VerifyReport;
import org.chatvault.client.verify.VerifyService;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged media object on the server is found by verify --read-data and named: conversation, message, file. */
class MediaVerifyTest {
    @TempDir Path dir;

    @Test
    void aCorruptedOrTruncatedMediaPackIsFoundAndNamed() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            AccountService.Created created = vault.create("phone", "ola");
            try (LocalStore phone = vault.store("phone"); Session s = created.session()) {
                Conversation c = new Conversation("holiday", ConversationKind.GROUP, "Holiday 2026", List.of("me", "ann"));
                phone.putConversation(c);
                int size = 6 * 1024 * 1024;
                MediaTest.writeRandom(phone.media(), "beach-video", size, 3);
                phone.addMessages(List.of(MediaTest.message(c.id(), "msg-beach", TestVault.NOW - 60_000,
                        new Attachment("beach-video", "beach.mp4", "video/mp4", size, null))));
                MediaTest.backUp(s, phone);
                assertThat(new VerifyService(s, phone, VerifyOptions.READ_ALL).run().problems()).isEmpty();

                Path pack = largestPack(vault.dataDir);
                long length = Files.size(pack);
                try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
                    f.seek(length / 2);
                    int b = f.read();
                    f.seek(length / 2);
                    f.write(b ^ 0x01);
                }
                VerifyReport structure = new VerifyService(s, phone, VerifyOptions.STRUCTURE).run();
                assertThat(structure.problems()).as("presence alone does not read the data").isEmpty();
                VerifyReport flipped = new VerifyService(s, phone, VerifyOptions.READ_ALL).run();
                assertThat(flipped.problems()).singleElement().asString()
                        .contains("conversation holiday (Holiday 2026)", "message msg-beach", "file \"beach.mp4\" (beach-video)",
                                "does not authenticate")
                        .satisfies(p -> assertThat(p.split("does not authenticate", -1)).as("said once").hasSize(2));

                try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
                    f.setLength(length / 3);
                }
                VerifyReport truncated = new VerifyService(s, phone, VerifyOptions.READ_ALL).run();
                assertThat(truncated.problems()).isNotEmpty()
                        .allSatisfy(p -> assertThat(p).contains("message msg-beach", "beach.mp4"));

                // A new device restores the text and names the file it could not get, instead of stopping.
                try (Session tablet = vault.newDevice("tablet", "ola", created.recoveryKey()); LocalStore restored = vault.store("tablet")) {
                    assertThat(new RestoreService(tablet, restored, java.time.Clock.systemUTC()).run(RestoreListener.NONE).complete()).isTrue();
                    var media = new MediaRestoreService(tablet, restored, java.time.Clock.systemUTC())
                            .run(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE);
                    assertThat(media.unrestored()).singleElement().asString()
                            .contains("file \"beach.mp4\" (beach-video) in conversation \"Holiday 2026\"", "unreadable on the server");
                    assertThat(restored.media().has("beach-video")).isFalse();
                }
            }
        }
    }

    private static Path largestPack(Path dataDir) throws IOException {
        try (var files = Files.walk(dataDir.resolve("objects"))) {
            return files.filter(Files::isRegularFile).max(Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }
}
