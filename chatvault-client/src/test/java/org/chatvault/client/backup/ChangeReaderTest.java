package org.chatvault.client.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chatvault.core.format.Months;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SegmentRef;
import org.junit.jupiter.api.Test;

class ChangeReaderTest {
    private static final long MAY = Months.start(202605), JUNE = Months.start(202606);

    private static SegmentRef seg(int n, int month, long first, long last, int size) {
        byte[] id = new byte[32];
        id[0] = (byte) n;
        return new SegmentRef(ObjectId.of(id), month, first, last, 10, size);
    }

    @Test
    void keepsEarlierMonthsAndSealedSegmentsButReopensASmallTail() {
        SegmentRef may = seg(1, 202605, MAY, MAY + 100, 1_000);
        SegmentRef juneFull = seg(2, 202606, JUNE, JUNE + 100, 200_000);
        SegmentRef juneTail = seg(3, 202606, JUNE + 101, JUNE + 200, 5_000);
        List<SegmentRef> old = List.of(may, juneFull, juneTail);
        assertThat(ChangeReader.kept(old, JUNE + 500, 0)).containsExactly(may, juneFull);
        assertThat(ChangeReader.kept(old, JUNE + 50, 0)).as("a change inside a sealed segment reopens it").containsExactly(may);
        assertThat(ChangeReader.kept(old, MAY + 50, 0)).isEmpty();
        assertThat(ChangeReader.kept(old, Long.MIN_VALUE, 0)).isEmpty();
        SegmentRef bigTail = seg(4, 202606, JUNE + 101, JUNE + 200, 40_000);
        assertThat(ChangeReader.kept(List.of(may, juneFull, bigTail), JUNE + 500, 0)).containsExactly(may, juneFull, bigTail);
    }

    @Test
    void segmentsOfExpiredMonthsAreAlwaysKeptAsTheyAre() {
        SegmentRef may = seg(1, 202605, MAY, MAY + 100, 1_000);
        SegmentRef mayTail = seg(2, 202605, MAY + 101, MAY + 200, 1_000);
        SegmentRef juneTail = seg(3, 202606, JUNE + 101, JUNE + 200, 5_000);
        List<SegmentRef> old = List.of(may, mayTail, juneTail);
        // May expired: a change in May, or a rewrite from the first message, keeps May's segments untouched
        assertThat(ChangeReader.kept(old, MAY + 50, 202606)).containsExactly(may, mayTail);
        assertThat(ChangeReader.kept(old, Long.MIN_VALUE, 202606)).containsExactly(may, mayTail);
        assertThat(ChangeReader.kept(old, JUNE + 150, 202606)).as("the open June tail still reopens").containsExactly(may, mayTail);
        assertThat(ChangeReader.kept(old, JUNE + 500, 202607)).as("everything expired").containsExactly(may, mayTail, juneTail);
    }
}
