package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.verify.VerifyOptions;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.core.model.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore --conversation}: the text and media of the chosen conversations only, through a
 * real server; the others stay in the vault untouched by this device's backups, and a later plain
 * restore brings them.
 */
class PartialRestoreTest {
    private static final long T = TestVault.NOW - 86_400_000L;
    @TempDir Path dir;

    private Vault device(String name) { return Vault.open(dir.resolve(name), dir.resolve(name).resolve("local.db"), Clock.systemUTC()); }

    private static List<Message> chat(String conv, String prefix, int n) {
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Message.text(conv, prefix + i, T + i * 60_000L, i % 2 == 0 ? "me" : "them", prefix + " message " + i));
        return out;
    }

    private static List<String> texts(LocalStore store, String conv) {
        List<String> out = new ArrayList<>();
        store.forEachMessage(conv, Long.MIN_VALUE, m -> out.add(m.text()));
        return out;
    }

    @Test
    void oneConversationFirstThenTheRestAndNothingIsLostOnTheWay() throws Exception {
        try (TestVault server = new TestVault(dir)) {
            AccountService.Created created = server.create("phone", "ann");
            created.session().close();
            byte[] photo = "a photo of the family dinner".getBytes();
            try (Vault phone = device("phone")) {
                phone.append(new Conversation("fam", ConversationKind.GROUP, "Family", List.of("me", "mum")), chat("fam", "fam", 30));
                phone.append(new Conversation("bo", ConversationKind.DIRECT, "Bo Chen", List.of("me", "bo")), chat("bo", "bo", 20));
                phone.append(new Conversation("work", ConversationKind.GROUP, "Work", List.of("me", "boss")), chat("work", "work", 40));
                phone.store().media().write("photo-1", out -> out.write(photo));
                phone.store().media().write("photo-2", out -> out.write(photo));
                phone.append(new Conversation("fam", ConversationKind.GROUP, "Family", List.of("me", "mum")), List.of(
                        new Message("fam", "pic", T + 100 * 60_000L, "mum", MessageType.IMAGE, "", List.of(new Attachment("photo-1", "dinner.jpg", "image/jpeg", photo.length, null)), null, null, null, false)));
                phone.append(new Conversation("bo", ConversationKind.DIRECT, "Bo Chen", List.of("me", "bo")), List.of(
                        new Message("bo", "pic", T + 100 * 60_000L, "bo", MessageType.IMAGE, "", List.of(new Attachment("photo-2", "bo.jpg", "image/jpeg", photo.length, null)), null, null, null, false)));
                phone.backUp(BackupListener.NONE);
                assertThat(phone.backUpMedia(MediaBackupService.Listener.NONE).filesBackedUp()).isEqualTo(2);
            }

            server.newDevice("tablet", "ann", created.recoveryKey()).close();
            try (Vault tablet = device("tablet")) {
                assertThatThrownBy(() -> tablet.restore(List.of("Nobody"), RestoreListener.NONE))
                        .isInstanceOf(ClientException.class).hasMessageContaining("no conversation is called or has the id 'Nobody'");
                RestoreReport r = tablet.restore(List.of("bo chen"), RestoreListener.NONE);
                assertThat(r.complete()).isTrue();
                assertThat(r.conversationIds()).containsExactly("bo");
                LocalStore s = tablet.store();
                assertThat(texts(s, "bo")).hasSize(21).startsWith("bo message 0");
                assertThat(s.messageCount()).as("only Bo's text").isEqualTo(21);
                assertThat(s.conversations()).as("every title is known, for the next choice").extracting(Conversation::title)
                        .contains("Family", "Work");
                MediaRestoreService.Report media = tablet.restoreMedia(new MediaRestoreService.Options(true, 0, java.util.Set.of("bo")),
                        MediaRestoreService.Listener.NONE);
                assertThat(media.files()).isEqualTo(1);
                assertThat(s.media().has("photo-2")).isTrue();
                assertThat(s.media().has("photo-1")).as("Family's photo waits for its restore").isFalse();

                // New messages in the restored chat and in one not restored, then a backup.
                tablet.append(s.conversation("bo").orElseThrow(), List.of(Message.text("bo", "new-bo", T + 200 * 60_000L, "me", "from the tablet")));
                tablet.append(s.conversation("work").orElseThrow(), List.of(Message.text("work", "new-work", T + 200 * 60_000L, "me", "work from the tablet")));
                tablet.backUp(BackupListener.NONE);
                // Not in step with the head after a partial restore, the backup first merged what the tablet lacked.
                assertThat(texts(s, "work")).hasSize(41).endsWith("work from the tablet");
                assertThat(tablet.verify(VerifyOptions.READ_ALL).ok()).isTrue();
            }

            server.newDevice("laptop", "ann", created.recoveryKey()).close();
            long allSegments;
            try (Vault laptop = device("laptop")) {
                RestoreReport all = laptop.restore(RestoreListener.NONE);
                assertThat(all.complete()).isTrue();
                allSegments = all.segmentsFetched();
                LocalStore s = laptop.store();
                assertThat(texts(s, "fam")).as("never on the tablet, still whole in the vault").hasSize(31);
                assertThat(texts(s, "bo")).hasSize(22).endsWith("from the tablet");
                assertThat(texts(s, "work")).hasSize(41).startsWith("work message 0").endsWith("work from the tablet");
                assertThat(laptop.restoreMedia(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE).files()).isEqualTo(2);
            }

            // A plain restore after a partial one completes the rest, fetching only what is missing.
            server.newDevice("watch", "ann", created.recoveryKey()).close();
            try (Vault watch = device("watch")) {
                RestoreReport family = watch.restore(List.of("fam"), RestoreListener.NONE);
                assertThat(watch.store().messageCount()).isEqualTo(31);
                RestoreReport rest = watch.restore(RestoreListener.NONE);
                assertThat(rest.complete()).isTrue();
                assertThat(family.segmentsFetched()).isPositive();
                assertThat(rest.segmentsFetched()).as("Family's segments are not fetched again")
                        .isEqualTo(allSegments - family.segmentsFetched());
                assertThat(watch.store().messageCount()).isEqualTo(31 + 22 + 41);
                assertThat(watch.verify(VerifyOptions.READ_ALL).upToDate()).isTrue();
            }

            try (Vault tablet = device("tablet")) {
                RestoreReport rest = tablet.restore(RestoreListener.NONE);
                assertThat(rest.complete()).isTrue();
                LocalStore s = tablet.store();
                assertThat(texts(s, "fam")).hasSize(31);
                assertThat(texts(s, "work")).hasSize(41);
                assertThat(texts(s, "bo")).hasSize(22);
                assertThat(tablet.restoreMedia(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE).files()).isEqualTo(1);
                assertThat(s.media().has("photo-1")).isTrue();
                assertThat(tablet.verify(VerifyOptions.READ_ALL).ok()).isTrue();
            }
        }
    }
}
