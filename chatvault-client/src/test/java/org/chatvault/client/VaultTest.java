package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.local.SearchHit;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.verify.VerifyOptions;
import org.chatvault.client.verify.VerifyReport;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding API end to end: a device directory opened lazily, the operations a chat app and the CLI call. */
class VaultTest {
    @TempDir Path dir;

    @Test
    void opensOnlyWhatACallNeeds() {
        Path home = dir.resolve("nobody");
        try (Vault vault = Vault.open(home, home.resolve("local.db"), Clock.systemUTC())) {
            assertThat(vault.account()).isEmpty();
            assertThatThrownBy(vault::session).isInstanceOf(ClientException.class).hasMessageContaining("no account on this device");
            assertThat(home.resolve("local.db")).as("no call has needed the store yet").doesNotExist();
            assertThat(vault.search("hello", 5)).isEmpty();
            assertThat(home.resolve("local.db")).exists();
        }
    }

    @Test
    void appendBackUpRestoreSearchVerifyAndStatus() {
        try (TestVault server = new TestVault(dir)) {
            AccountService.Created created = server.create("phone", "ann");
            created.session().close();
            Conversation chat = new Conversation("c1", ConversationKind.DIRECT, "Bo", List.of("bo", "me"));
            try (Vault phone = Vault.open(dir.resolve("phone"), dir.resolve("phone/local.db"), Clock.systemUTC())) {
                phone.append(chat, List.of(Message.text("c1", "m1", 1_000, "bo", "周末去爬山吗"), Message.text("c1", "m2", 2_000, "me", "好的 see you")));
                Vault.Status before = phone.status();
                assertThat(before.conversationsChanged()).isEqualTo(1);
                assertThat(before.version()).isEmpty();
                BackupReport first = phone.backUp(BackupListener.NONE);
                assertThat(first.messagesEncoded()).isEqualTo(2);
                assertThat(phone.deleteMessage("c1", 1_000, "m1")).isTrue();
                assertThat(phone.syncNow().version()).isEqualTo(first.version() + 1);
                Vault.Status after = phone.status();
                assertThat(after.conversationsChanged()).isZero();
                assertThat(after.messages()).isEqualTo(1);
                assertThat(after.version()).contains(first.version() + 1);
                assertThat(after.media()).isEqualTo(new MediaBackupService.Pending(0, 0, 0, 0));
                assertThat(phone.serverUsage().version()).isEqualTo(first.version() + 1);
            }
            server.newDevice("tablet", "ann", created.recoveryKey()).close();
            try (Vault tablet = Vault.open(dir.resolve("tablet"), dir.resolve("tablet/local.db"), Clock.systemUTC())) {
                RestoreReport r = tablet.restore(RestoreListener.NONE);
                assertThat(r.messages()).isEqualTo(1);
                assertThat(tablet.restoreMedia(MediaRestoreService.Options.ALL, MediaRestoreService.Listener.NONE).files()).isZero();
                assertThat(tablet.search("see you", 5)).extracting(SearchHit::conversationTitle).containsExactly("Bo");
                assertThat(tablet.search("爬山", 5)).as("deleted on the phone, so not here").isEmpty();
                VerifyReport v = tablet.verify(VerifyOptions.READ_ALL);
                assertThat(v.ok()).isTrue();
                assertThat(v.upToDate()).isTrue();
                assertThat(tablet.account()).hasValueSatisfying(p -> assertThat(p.username()).isEqualTo("ann"));
            }
        }
    }
}
