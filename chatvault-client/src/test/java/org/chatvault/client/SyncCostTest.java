package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.local.ConversationSummary;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What merging costs on the wire (docs/SYNC.md §3): when another device added 1,000 messages to
 * 20 chats, this device's next backup fetches only those chats' indexes and new tail segments and
 * the root — at most twice what the other device uploaded — and uploads nothing of its own.
 */
class SyncCostTest {
    @TempDir Path dir;

    @Test
    void takingInAnotherDevicesThousandMessagesCostsAboutWhatItUploaded() {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "cost");
            try (Session phone = created.session(); LocalStore phoneStore = vault.store("phone");
                 Session pc = vault.newDevice("pc", "cost", created.recoveryKey()); LocalStore pcStore = vault.store("pc")) {
                TestVault.generate(phoneStore, 21, 200, 40_000);
                backup(phone, phoneStore);
                new RestoreService(pc, pcStore, Clock.systemUTC()).run(RestoreListener.NONE);

                List<Message> more = new ArrayList<>();
                for (ConversationSummary c : phoneStore.recentConversations(20)) {
                    for (int i = 0; i < 50; i++)
                        more.add(Message.text(c.conversation().id(), "new-" + i, c.lastActivity() + 1 + i, "me", "one more message " + i));
                }
                phoneStore.addMessages(more);
                BackupReport sent = backup(phone, phoneStore);
                assertThat(sent.conversationsChanged()).isEqualTo(20);

                BackupReport taken = backup(pc, pcStore);
                System.out.printf("phone uploaded %,d bytes; pc fetched %,d bytes and uploaded %,d%n", sent.bytesUploaded(),
                        taken.bytesPulled(), taken.bytesUploaded());
                assertThat(taken.messagesMerged()).isEqualTo(1_000);
                assertThat(taken.bytesUploaded()).isZero();
                assertThat(taken.version()).isEqualTo(sent.version());
                assertThat(taken.bytesPulled()).isPositive().isLessThanOrEqualTo(2 * sent.bytesUploaded());
                assertThat(Stores.snapshot(pcStore)).isEqualTo(Stores.snapshot(phoneStore));
            }
        }
    }

    private static BackupReport backup(Session s, LocalStore store) {
        return new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
    }
}
