package org.chatvault.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.chatvault.core.format.ConversationIndex;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.core.format.SegmentRef;
import org.chatvault.core.format.Tombstones;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.junit.jupiter.api.Test;

class ExpiredHistoryTest {
    private static ObjectId id(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        return ObjectId.of(b);
    }

    private static final Conversation FAMILY = new Conversation("chat-42", ConversationKind.GROUP, "Family", List.of("alice", "bob"));
    private static final long LEARNT = Instant.parse("2026-11-30T08:00:00Z").toEpochMilli();

    @Test
    void namesTheMonthsAndMessagesBelowTheHorizonAndWhenItWasLearnt() {
        ConversationIndex index = new ConversationIndex(FAMILY, List.of(
                new SegmentRef(id(1), 202501, 1, 2, 700, 10_000),
                new SegmentRef(id(2), 202502, 3, 4, 504, 10_000),
                new SegmentRef(id(3), 202503, 5, 6, 90, 1_000)),
                List.of(new MediaIndexRef(202502, id(4)), new MediaIndexRef(202503, id(5))), 0, Tombstones.NONE);
        ExpiredHistory x = ExpiredHistory.of(index, new RetentionHorizon(202503, LEARNT));
        assertThat(x.messages()).isEqualTo(1_204);
        assertThat(x.firstMonth()).isEqualTo(202501);
        assertThat(x.lastMonth()).isEqualTo(202502);
        assertThat(x.mediaMonths()).isEqualTo(1);
        assertThat(x.describe()).isEqualTo("conversation \"Family\" (chat-42): history before March 2025 expired under your plan on 2026-11-30 "
                + "(1,204 messages and their media, January 2025 to February 2025)");
    }

    @Test
    void nothingBelowTheHorizonIsNothingExpired() {
        ConversationIndex index = new ConversationIndex(FAMILY, List.of(new SegmentRef(id(1), 202503, 1, 2, 1, 100)));
        assertThat(ExpiredHistory.of(index, new RetentionHorizon(202503, LEARNT))).isNull();
        assertThat(ExpiredHistory.of(index, RetentionHorizon.NONE)).isNull();
        ExpiredHistory one = ExpiredHistory.of(index, new RetentionHorizon(202504, 0));
        assertThat(ExpiredHistory.describe(new RetentionHorizon(202504, LEARNT))).isEqualTo("history before April 2025 expired under your plan on 2026-11-30");
        assertThat(one.describe()).as("a horizon with no learnt time says no date")
                .isEqualTo("conversation \"Family\" (chat-42): history before April 2025 expired under your plan (1 message, March 2025 to March 2025)");
    }
}
