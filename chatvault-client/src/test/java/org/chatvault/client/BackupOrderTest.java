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
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SegmentRef;
import org.chatvault.core.format.Segmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initial backup seals segments on several threads; what it records and commits must be what
 * a one-thread encode gives: each conversation's segments in time order with the ids, months and
 * counts of a sequential cut. Then a second device restores the same history.
 */
class BackupOrderTest {
    @TempDir Path dir;

    @Test
    void parallelSealingRecordsTheSegmentsOfASequentialEncodeInOrder() {
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", "order");
            try (Session phone = created.session(); LocalStore store = vault.store("phone")) {
                TestVault.generate(store, 5, 12, 30_000);
                BackupReport report = new BackupService(phone, store, Clock.systemUTC()).run(BackupListener.NONE);

                ObjectCodec codec = phone.newCodec();
                int conversations = 0;
                long segments = 0, messages = 0;
                for (ConversationSummary c : store.recentConversations(100)) {
                    String id = c.conversation().id();
                    List<Segmenter.SegmentDraft> drafts = new ArrayList<>();
                    Segmenter segmenter = new Segmenter(id, drafts::add);
                    store.forEachMessage(id, Long.MIN_VALUE, segmenter::add);
                    segmenter.finish();
                    List<SegmentRef> recorded = store.syncState().segments(id);
                    assertThat(recorded).hasSameSizeAs(drafts);
                    for (int i = 0; i < drafts.size(); i++) {
                        Segmenter.SegmentDraft d = drafts.get(i);
                        ObjectId expected = codec.idOf(ObjectKind.SEGMENT, d.plaintext());
                        messages += d.count();
                        assertThat(recorded.get(i)).isEqualTo(new SegmentRef(expected, d.month(), d.firstSentAt(), d.lastSentAt(), d.count(), d.plaintext().length));
                    }
                    conversations++;
                    segments += drafts.size();
                }
                assertThat(conversations).isEqualTo(12);
                assertThat(segments).as("enough segments for the workers to overtake each other").isGreaterThan(50);
                assertThat(report.segmentsWritten()).isEqualTo(segments);
                assertThat(report.messagesEncoded()).isEqualTo(messages).isGreaterThan(29_000);
            }
            try (Session pc = vault.newDevice("pc", "order", created.recoveryKey()); LocalStore pcStore = vault.store("pc");
                 LocalStore phoneStore = vault.store("phone")) {
                new org.chatvault.client.restore.RestoreService(pc, pcStore, Clock.systemUTC()).run(org.chatvault.client.restore.RestoreListener.NONE);
                assertThat(Stores.snapshot(pcStore)).isEqualTo(Stores.snapshot(phoneStore));
            }
        }
    }
}
