package org.chatvault.client.usage;

import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.chatvault.protocol.vault.ByteSizes;
import org.chatvault.protocol.vault.UsageExpiry;
import org.chatvault.protocol.vault.UsageKind;
import org.chatvault.protocol.vault.UsagePlan;
import org.chatvault.protocol.vault.VaultUsage;

/**
 * The server's usage answer in plain words, with this device's own message counts: the plan and how full it is, the
 * state of the subscription, and what will be removed when ("1,204 messages and 3.1 GiB of photos, videos and files
 * older than March 2025 will be removed on 2027-01-14 unless you renew"). Pure: the caller supplies the clock's now.
 */
public final class UsageNotices {
    private static final Set<String> MEDIA_KINDS = Set.of("media_chunk", "file_recipe", "thumbnail", "media_index");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private UsageNotices() {}

    /**
     * @param localMessagesByMonth this device's messages that belong in the vault, by month (yyyymm)
     * @param now                  to tell a removal that is due from one that is announced
     * @return one line per fact; none when the server says nothing of plans
     */
    public static List<String> describe(VaultUsage u, Map<Integer, Long> localMessagesByMonth, Instant now) {
        if (u.plan() == null || u.byMonth() == null || u.expiries() == null) return List.of(); // a server from before plans
        List<String> lines = new ArrayList<>();
        lines.add(planLine(u));
        String state = stateLine(u);
        if (state != null) lines.add(state);
        List<List<UsageExpiry>> groups = groups(u.expiries());
        if (groups.isEmpty()) lines.add("nothing in the vault is due to expire");
        int oldest = u.byMonth().stream().mapToInt(m -> m.month()).filter(m -> m > 0).min().orElse(0);
        for (List<UsageExpiry> g : groups) lines.add(expiryLine(u, g, localMessagesByMonth, oldest, now));
        return lines;
    }

    private static String planLine(VaultUsage u) {
        UsagePlan p = u.plan();
        long percent = p.quotaBytes() == 0 ? 100 : Math.min(100, u.bytes() * 100 / p.quotaBytes());
        return "plan: " + p.name() + " (" + (p.media() ? "text and media" : "text only") + ", " + keeps(p) + "); "
                + ByteSizes.describe(u.bytes()) + " of " + ByteSizes.describe(p.quotaBytes()) + " used (" + percent + "%)";
    }

    private static String keeps(UsagePlan p) {
        return p.retention() == null ? "keeps everything" : "keeps the last " + period(Period.parse(p.retention()));
    }

    /** {@code P2Y} as "2 years", {@code P1Y6M} as "1 year and 6 months". */
    static String period(Period p) {
        List<String> parts = new ArrayList<>();
        if (p.getYears() != 0) parts.add(count(p.getYears(), "year"));
        if (p.getMonths() != 0) parts.add(count(p.getMonths(), "month"));
        if (p.getDays() != 0) parts.add(count(p.getDays(), "day"));
        return String.join(" and ", parts);
    }

    private static String stateLine(VaultUsage u) {
        return switch (u.state()) {
            case VaultUsage.PAID -> u.paidUntil() == null ? null : "paid until " + day(u.paidUntil())
                    + (u.storeGraceUntil() == null ? "" : "; the store is retrying a failed payment until " + day(u.storeGraceUntil()));
            case VaultUsage.READ_ONLY -> "your subscription lapsed on " + day(u.paidUntil()) + "; the vault is read-only until "
                    + day(u.readOnlyUntil()) + "; restore and export still work; renew to back up again";
            default -> u.paidUntil() == null ? null : "your subscription ended on " + day(u.paidUntil()) + "; the vault keeps what the "
                    + u.plan().name() + " plan keeps";
        };
    }

    /** Expiries on the same day for the same reason, in order. */
    private static List<List<UsageExpiry>> groups(List<UsageExpiry> expiries) {
        Map<String, List<UsageExpiry>> byDay = new LinkedHashMap<>();
        for (UsageExpiry x : expiries) byDay.computeIfAbsent(day(x.at()) + " " + x.reason(), k -> new ArrayList<>()).add(x);
        return new ArrayList<>(byDay.values());
    }

    private static String expiryLine(VaultUsage u, List<UsageExpiry> g, Map<Integer, Long> localMessages, int oldestMonth, Instant now) {
        int first = g.stream().mapToInt(UsageExpiry::month).min().orElseThrow();
        int last = g.stream().mapToInt(UsageExpiry::month).max().orElseThrow();
        long messages = 0, messageBytes = 0, mediaBytes = 0, otherBytes = 0;
        for (UsageExpiry x : g) {
            messages += localMessages.getOrDefault(x.month(), 0L);
            for (UsageKind k : x.byKind()) {
                if (k.kind().equals("segment")) messageBytes += k.bytes();
                else if (MEDIA_KINDS.contains(k.kind())) mediaBytes += k.bytes();
                else otherBytes += k.bytes();
            }
        }
        List<String> what = new ArrayList<>();
        if (messages > 0) what.add(count(messages, "message"));
        else if (messageBytes > 0) what.add(ByteSizes.describe(messageBytes) + " of messages");
        if (mediaBytes > 0) what.add(ByteSizes.describe(mediaBytes) + " of photos, videos and files");
        if (what.isEmpty()) what.add(ByteSizes.describe(otherBytes) + " of history");
        String months = first == oldestMonth ? "older than " + month(YearMonth.of(last / 100, last % 100).plusMonths(1))
                : first == last ? "from " + month(first) : "from " + month(first) + " through " + month(last);
        UsageExpiry x = g.getFirst();
        boolean due = x.at() <= now.toEpochMilli();
        String when = due ? "will be removed at the server's next lifecycle run" : "will be removed on " + day(x.at());
        String why = x.reason().equals(UsageExpiry.CUT) ? " unless you renew"
                : ": your " + u.plan().name() + " plan " + keeps(u.plan()).replace("keeps", "keeps only");
        return String.join(" and ", what) + " " + months + " " + when + why;
    }

    private static String month(int yyyymm) {
        return month(YearMonth.of(yyyymm / 100, yyyymm % 100));
    }

    private static String month(YearMonth m) {
        return m.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + m.getYear();
    }

    private static String count(long n, String noun) {
        return String.format(Locale.ENGLISH, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    private static String day(Long epochMillis) {
        return epochMillis == null ? "?" : DAY.format(Instant.ofEpochMilli(epochMillis));
    }
}
