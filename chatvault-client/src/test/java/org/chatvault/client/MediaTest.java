package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupService;
import org.chatvault.generator.MediaMaterializer;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.MediaFiles;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.core.chunking.ChunkerParams;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media through the real server: round trip, dedup across chats, chunk-level dedup of an edited file,
 * chunk sizes keyed per account.
 */
class MediaTest {
    @TempDir Path dir;

    @Test
    void aHistoryWithMediaRoundTripsByteForByte() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            AccountService.Created created = create(vault);
            try (LocalStore phone = vault.store("phone")) {
                TestVault.generate(phone, 41, 8, 2_500);
                MediaMaterializer.Report made = TestVault.materialize(phone, 0.02);
                assertThat(made.files()).as("the history has media").isGreaterThan(20);
                try (Session s = created.session()) {
                    MediaBackupService.Report media = backUp(s, phone);
                    assertThat(media.filesBackedUp()).isEqualTo(made.files());
                    assertThat(media.thumbnailsBackedUp()).isEqualTo(made.thumbnails());
                    assertThat(media.commits()).isPositive();
                    // nothing left to do
                    MediaBackupService.Report again = new MediaBackupService(s, phone, Clock.systemUTC()).run(MediaBackupService.Listener.NONE);
                    assertThat(again.filesBackedUp() + again.thumbnailsBackedUp() + again.commits()).isZero();
                }
                try (Session tablet = vault.newDevice("tablet", "mia", created.recoveryKey()); LocalStore restored = vault.store("tablet")) {
                    new RestoreService(tablet, restored, Clock.systemUTC()).run(RestoreListener.NONE);
                    MediaRestoreService.Report r = new MediaRestoreService(tablet, restored, Clock.systemUTC())
                            .run(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE);
                    assertThat(r.files()).isEqualTo(made.files());
                    assertThat(r.thumbnails()).isEqualTo(made.thumbnails());
                    assertSameFiles(phone.media(), restored.media());
                    assertThat(Stores.snapshot(restored)).isEqualTo(Stores.snapshot(phone));
                    // a second run finds everything in place
                    MediaRestoreService.Report again = new MediaRestoreService(tablet, restored, Clock.systemUTC())
                            .run(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE);
                    assertThat(again.files() + again.thumbnails()).isZero();
                    assertThat(again.alreadyPresent()).isEqualTo(made.files() + made.thumbnails());
                    // one attachment on demand, found through the message that uses it
                    String one = firstFile(phone);
                    Files.delete(restored.media().path(one));
                    Path got = new MediaRestoreService(tablet, restored, Clock.systemUTC()).fetchOne(one);
                    assertThat(Files.mismatch(got, phone.media().path(one))).isEqualTo(-1L);
                    assertThatThrownBy(() -> new MediaRestoreService(tablet, restored, Clock.systemUTC()).fetchOne("no-such-content"))
                            .isInstanceOf(ClientException.class).hasMessageContaining("no-such-content");
                }
            }
        }
    }

    @Test
    void aMediaBackupKeepsConversationsThatOnlyAnotherDeviceBackedUp() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            AccountService.Created created = create(vault);
            try (LocalStore phone = vault.store("phone"); Session s = created.session()) {
                Conversation c = new Conversation("from-phone", ConversationKind.DIRECT, "Phone chat", List.of("me", "ann"));
                phone.putConversation(c);
                phone.addMessages(List.of(Message.text(c.id(), "p1", TestVault.NOW - 1_000, "ann", "hello from the phone")));
                new BackupService(s, phone, Clock.systemUTC()).run(BackupListener.NONE);
            }
            // A laptop that never restored backs up its own chat, with a photo.
            try (Session laptop = vault.newDevice("laptop", "mia", created.recoveryKey()); LocalStore store = vault.store("laptop")) {
                Conversation c = new Conversation("from-laptop", ConversationKind.DIRECT, "Laptop chat", List.of("me", "bo"));
                store.putConversation(c);
                writeRandom(store.media(), "laptop-photo", 300_000, 4);
                store.addMessages(List.of(message(c.id(), "l1", TestVault.NOW, new Attachment("laptop-photo", "p.jpg", "image/jpeg", 300_000, null))));
                assertThat(backUp(laptop, store).filesBackedUp()).isEqualTo(1);
                // and a later, incremental text backup from the laptop keeps the phone's chat too
                store.addMessages(List.of(Message.text(c.id(), "l2", TestVault.NOW + 1_000, "bo", "one more")));
                new BackupService(laptop, store, Clock.systemUTC()).run(BackupListener.NONE);
            }
            try (Session tablet = vault.newDevice("tablet", "mia", created.recoveryKey()); LocalStore restored = vault.store("tablet")) {
                new RestoreService(tablet, restored, Clock.systemUTC()).run(RestoreListener.NONE);
                assertThat(restored.conversations()).extracting(Conversation::id).containsExactlyInAnyOrder("from-phone", "from-laptop");
                new MediaRestoreService(tablet, restored, Clock.systemUTC()).run(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE);
                assertThat(restored.media().has("laptop-photo")).isTrue();
            }
        }
    }

    @Test
    void theSameVideoIn40ChatsIsStoredOnce() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            AccountService.Created created = create(vault);
            int videoBytes = 3 * 1024 * 1024 + 12_345;
            try (LocalStore phone = vault.store("phone"); Session s = created.session()) {
                String video = "video-forwarded-everywhere";
                writeRandom(phone.media(), video, videoBytes, 7);
                for (int i = 0; i < 40; i++) {
                    Conversation c = new Conversation("chat-" + i, ConversationKind.DIRECT, "friend " + i, List.of("me", "friend " + i));
                    phone.putConversation(c);
                    phone.addMessages(List.of(message(c.id(), "m" + i, TestVault.NOW - i * 86_400_000L,
                            new Attachment(video, "funny.mp4", "video/mp4", videoBytes, null))));
                }
                new BackupService(s, phone, Clock.systemUTC()).run(BackupListener.NONE);
                long textBytes = s.api().usage().bytes();
                MediaBackupService.Report media = new MediaBackupService(s, phone, Clock.systemUTC()).run(MediaBackupService.Listener.NONE);
                assertThat(media.filesBackedUp()).isEqualTo(1);
                assertThat(media.bytesRead()).isEqualTo(videoBytes);
                long stored = s.api().usage().bytes() - textBytes;
                assertThat(stored).as("one copy of the video plus 40 small indexes")
                        .isBetween((long) videoBytes, videoBytes + 200_000L);
            }
        }
    }

    @Test
    void aFileEditedInTheMiddleUploadsOnlyTheChangedChunks() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            AccountService.Created created = create(vault);
            int size = 20 * 1024 * 1024;
            try (LocalStore phone = vault.store("phone"); Session s = created.session()) {
                Conversation c = new Conversation("work", ConversationKind.GROUP, "Work", List.of("me", "ann", "bo"));
                phone.putConversation(c);
                byte[] original = writeRandom(phone.media(), "report-v1", size, 11);
                phone.addMessages(List.of(message(c.id(), "v1", TestVault.NOW - 3_600_000, new Attachment("report-v1", "report.zip", "application/zip", size, null))));
                MediaBackupService.Report first = backUp(s, phone);
                assertThat(first.bytesUploaded()).isGreaterThan(size);

                byte[] edited = original.clone();
                for (int i = 0; i < 1_000; i++) edited[size / 2 + i] ^= (byte) 0x5a;
                phone.media().write("report-v2", out -> out.write(edited));
                phone.addMessages(List.of(message(c.id(), "v2", TestVault.NOW, new Attachment("report-v2", "report (1).zip", "application/zip", size, null))));
                MediaBackupService.Report second = backUp(s, phone);
                assertThat(second.filesBackedUp()).isEqualTo(1);
                assertThat(second.objectsAlreadyPresent()).as("unchanged chunks are not sent").isPositive();
                // the edit touches one or two chunks (each at most max) plus the recipe and indexes
                assertThat(second.bytesUploaded()).isLessThan(2L * ChunkerParams.DEFAULT.max() + 100_000);
            }
        }
    }

    @Test
    void anOldFileSentAgainMovesToTheNewMonthOnTheServer() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            AccountService.Created created = create(vault);
            int size = 6 * 1024 * 1024;
            long longAgo = TestVault.NOW - 400L * 86_400_000L;
            try (LocalStore phone = vault.store("phone"); Session s = created.session()) {
                Conversation c = new Conversation("family", ConversationKind.GROUP, "Family", List.of("me", "mum"));
                phone.putConversation(c);
                writeRandom(phone.media(), "wedding-video", size, 21);
                Attachment video = new Attachment("wedding-video", "wedding.mp4", "video/mp4", size, null);
                phone.addMessages(List.of(message(c.id(), "then", longAgo, video)));
                backUp(s, phone);
                int oldMonth = org.chatvault.core.format.Months.of(longAgo);
                assertThat(bucketsOf(s, phone, "wedding-video")).containsOnly(oldMonth);

                phone.addMessages(List.of(message(c.id(), "again", TestVault.NOW, video)));
                MediaBackupService.Report again = backUp(s, phone);
                assertThat(again.relabelled()).isEqualTo(1);
                assertThat(again.bytesUploaded()).as("moving is the server's work, not a re-upload").isLessThan(100_000);
                assertThat(bucketsOf(s, phone, "wedding-video")).containsOnly(org.chatvault.core.format.Months.of(TestVault.NOW));
            }
        }
    }

    @Test
    void aChunkSharedWithANewerFileTakesTheNewerMonth() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            AccountService.Created created = create(vault);
            int size = 8 * 1024 * 1024;
            long longAgo = TestVault.NOW - 400L * 86_400_000L;
            try (LocalStore phone = vault.store("phone"); Session s = created.session()) {
                Conversation c = new Conversation("work", ConversationKind.GROUP, "Work", List.of("me", "ann"));
                phone.putConversation(c);
                byte[] v1 = writeRandom(phone.media(), "deck-v1", size, 31);
                phone.addMessages(List.of(message(c.id(), "v1", longAgo, new Attachment("deck-v1", "deck.zip", "application/zip", size, null))));
                backUp(s, phone);
                byte[] v2 = java.util.Arrays.copyOf(v1, size + 100_000); // the same deck with a slide appended
                phone.media().write("deck-v2", out -> out.write(v2));
                phone.addMessages(List.of(message(c.id(), "v2", TestVault.NOW, new Attachment("deck-v2", "deck (2).zip", "application/zip", v2.length, null))));
                MediaBackupService.Report r = backUp(s, phone);
                assertThat(r.objectsAlreadyPresent()).as("v2 shares most chunks with v1").isPositive();
                int now = org.chatvault.core.format.Months.of(TestVault.NOW);
                assertThat(bucketsOf(s, phone, "deck-v2")).containsOnly(now);
                assertThat(bucketsOf(s, phone, "deck-v1")).as("v1's recipe stays old, its shared chunks moved up")
                        .contains(now, org.chatvault.core.format.Months.of(longAgo));
            }
        }
    }

    @Test
    void chunkSizesAreSecretPerAccountYetOneAccountStillDedups() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            int size = 20 * 1024 * 1024;
            AccountService.Created mia = vault.create("phone", "mia");
            AccountService.Created ann = vault.create("laptop", "ann");
            Conversation c = new Conversation("news", ConversationKind.GROUP, "News", List.of("me", "ann", "mia"));
            List<Integer> miaLengths;
            List<Integer> annLengths;
            try (LocalStore phone = vault.store("phone"); Session s = mia.session()) {
                phone.putConversation(c);
                writeRandom(phone.media(), "viral", size, 99);
                phone.addMessages(List.of(message(c.id(), "a", TestVault.NOW - 3_600_000, new Attachment("viral", "viral.mp4", "video/mp4", size, null))));
                backUp(s, phone);
                miaLengths = chunkLengths(s, phone, "viral");

                // the same bytes again under another content id: every chunk, and the recipe, already there
                writeRandom(phone.media(), "viral-again", size, 99);
                phone.addMessages(List.of(message(c.id(), "b", TestVault.NOW, new Attachment("viral-again", "viral (1).mp4", "video/mp4", size, null))));
                MediaBackupService.Report again = backUp(s, phone);
                assertThat(again.filesBackedUp()).isEqualTo(1);
                assertThat(chunkLengths(s, phone, "viral-again")).isEqualTo(miaLengths);
                assertThat(again.objectsAlreadyPresent()).as("every chunk deduplicates").isGreaterThanOrEqualTo(miaLengths.size());
                assertThat(again.bytesUploaded()).as("only indexes and the like, no chunk").isLessThan(100_000);
            }
            try (LocalStore laptop = vault.store("laptop"); Session s = ann.session()) {
                laptop.putConversation(c);
                writeRandom(laptop.media(), "viral", size, 99);
                laptop.addMessages(List.of(message(c.id(), "a", TestVault.NOW - 3_600_000, new Attachment("viral", "viral.mp4", "video/mp4", size, null))));
                backUp(s, laptop);
                annLengths = chunkLengths(s, laptop, "viral");
            }
            assertThat(miaLengths.stream().mapToLong(Integer::longValue).sum()).isEqualTo(size);
            assertThat(annLengths.stream().mapToLong(Integer::longValue).sum()).isEqualTo(size);
            assertThat(annLengths).as("each account cuts the same file at its own secret points").isNotEqualTo(miaLengths);
            List<Integer> publicLengths = new ArrayList<>();
            byte[] data = new byte[size];
            new SplittableRandom(99).nextBytes(data);
            var cdc = new org.chatvault.core.chunking.FastCdc(ChunkerParams.DEFAULT);
            for (int pos = 0; pos < size; ) {
                int n = cdc.nextCut(data, pos, size - pos);
                publicLengths.add(n);
                pos += n;
            }
            assertThat(miaLengths).as("not the public table's chunking").isNotEqualTo(publicLengths);
            assertThat(annLengths).isNotEqualTo(publicLengths);
        }
    }

    /** The chunk lengths, in order, of a chunked file's recipe as stored on the server. */
    private static List<Integer> chunkLengths(Session s, LocalStore phone, String contentId) {
        var ref = phone.syncState().backedUpMedia().get(new org.chatvault.client.local.SyncState.MediaKey(contentId,
                org.chatvault.core.format.MediaRef.Role.FILE)).ref();
        var fetcher = new org.chatvault.client.vault.ObjectFetcher(s.api(), s.newCodec(), new java.util.concurrent.atomic.AtomicLong());
        var recipe = org.chatvault.core.format.FileRecipe.decode(fetcher.openOne(ref.objectId(), org.chatvault.core.format.ObjectKind.FILE_RECIPE));
        return recipe.chunks().stream().map(org.chatvault.core.format.FileRecipe.ChunkRef::length).toList();
    }

    /** The time buckets the server holds a chunked file's recipe and chunks under. */
    private static java.util.Set<Integer> bucketsOf(Session s, LocalStore phone, String contentId) {
        var ref = phone.syncState().backedUpMedia().get(new org.chatvault.client.local.SyncState.MediaKey(contentId,
                org.chatvault.core.format.MediaRef.Role.FILE)).ref();
        List<org.chatvault.core.format.ObjectId> ids = new ArrayList<>(List.of(ref.objectId()));
        var fetcher = new org.chatvault.client.vault.ObjectFetcher(s.api(), s.newCodec(), new java.util.concurrent.atomic.AtomicLong());
        var recipe = org.chatvault.core.format.FileRecipe.decode(fetcher.openOne(ref.objectId(), org.chatvault.core.format.ObjectKind.FILE_RECIPE));
        recipe.chunks().forEach(c -> ids.add(c.id()));
        java.util.Set<Integer> buckets = new java.util.HashSet<>();
        s.api().fetch(ids, f -> buckets.add(f.bucket()));
        return buckets;
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** The content id of the first attachment that has a file on this device. */
    private static String firstFile(LocalStore store) {
        String[] first = {null};
        store.forEachMediaUse(u -> { if (first[0] == null && store.media().has(u.contentId())) first[0] = u.contentId(); });
        return first[0];
    }

    /** A text backup, then the media backup after it, as {@code chatvault backup} runs them. */
    static MediaBackupService.Report backUp(Session s, LocalStore store) {
        new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
        return new MediaBackupService(s, store, Clock.systemUTC()).run(MediaBackupService.Listener.NONE);
    }

    private static AccountService.Created create(TestVault vault) {
        return vault.create("phone", "mia");
    }

    static Message message(String conversationId, String id, long sentAt, Attachment a) {
        return new Message(conversationId, id, sentAt, "me", MessageType.VIDEO, "", List.of(a), null, null, null, false);
    }

    static byte[] writeRandom(MediaFiles media, String contentId, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new SplittableRandom(seed).nextBytes(data);
        media.write(contentId, out -> out.write(data));
        return data;
    }

    static void assertSameFiles(MediaFiles expected, MediaFiles actual) throws IOException {
        Map<String, Path> want = list(expected.root());
        Map<String, Path> got = list(actual.root());
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
        for (Map.Entry<String, Path> e : want.entrySet()) {
            assertThat(Files.mismatch(e.getValue(), got.get(e.getKey()))).as(e.getKey()).isEqualTo(-1L);
        }
    }

    private static Map<String, Path> list(Path root) throws IOException {
        Map<String, Path> out = new HashMap<>();
        if (!Files.isDirectory(root)) return out;
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path p : files) out.put(p.getFileName().toString(), p);
        return out;
    }
}
