package org.chatvault.client.sync;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import org.chatvault.core.format.ConversationIndex;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.core.format.SegmentRef;

/**
 * One conversation's history that expired under the plan (docs/FORMAT.md §8.1): what its index
 * still names below the retention horizon. Not damage and not lost by accident: the plan no longer
 * keeps those months, and the server deleted them (or will) as announced.
 *
 * @param firstMonth  the oldest expired month (yyyymm) the index names; 0 when only media expired
 * @param lastMonth   the newest such month
 * @param messages    how many messages the index records for those months
 * @param mediaMonths how many months of media (media indexes) expired with them
 */
public record ExpiredHistory(String conversationId, String title, int firstMonth, int lastMonth, long messages, int mediaMonths,
                             RetentionHorizon horizon) {

    /** What of {@code index} lies below {@code horizon}; null when nothing does. */
    public static ExpiredHistory of(ConversationIndex index, RetentionHorizon horizon) {
        int first = 0, last = 0, media = 0;
        long messages = 0;
        for (SegmentRef s : index.segments()) {
            if (!horizon.expired(s.month())) continue;
            if (first == 0 || s.month() < first) first = s.month();
            last = Math.max(last, s.month());
            messages += s.count();
        }
        for (MediaIndexRef m : index.media()) {
            if (!horizon.expired(m.month())) continue;
            media++;
            if (first == 0 || m.month() < first) first = m.month();
            last = Math.max(last, m.month());
        }
        if (first == 0) return null;
        return new ExpiredHistory(index.conversation().id(), index.conversation().title(), first, last, messages, media, horizon);
    }

    /** One line for a person: which conversation, what expired, since when. */
    public String describe() {
        String what = String.format("%,d message%s", messages, messages == 1 ? "" : "s") + (mediaMonths > 0 ? " and their media" : "");
        return String.format("conversation \"%s\" (%s): %s (%s, %s to %s)", title, conversationId, describe(horizon), what,
                month(firstMonth), month(lastMonth));
    }

    /** "history before March 2025 expired under your plan on 2026-11-30": the vault's horizon, for a person. */
    public static String describe(RetentionHorizon horizon) {
        String on = horizon.learntAt() == 0 ? "" : " on " + Instant.ofEpochMilli(horizon.learntAt()).atZone(ZoneOffset.UTC).toLocalDate();
        return "history before " + month(horizon.keptFrom()) + " expired under your plan" + on;
    }

    /** "March 2025". */
    static String month(int yyyymm) {
        YearMonth m = YearMonth.of(yyyymm / 100, yyyymm % 100);
        return m.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + m.getYear();
    }
}
