package org.chatvault.client.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.chatvault.protocol.vault.UsageExpiry;
import org.chatvault.protocol.vault.UsageKind;
import org.chatvault.protocol.vault.UsageMonth;
import org.chatvault.protocol.vault.UsagePlan;
import org.chatvault.protocol.vault.VaultUsage;
import org.junit.jupiter.api.Test;

class UsageNoticesTest {
    static final long GIB = 1L << 30;
    static final UsagePlan STANDARD = new UsagePlan("standard", "Standard", true, "P2Y", 50 * GIB);
    static final UsagePlan FREE = new UsagePlan("free", "Free", false, "P30D", 200L << 20);
    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    private static long at(String instant) { return Instant.parse(instant).toEpochMilli(); }

    private static UsageMonth month(int m, long segmentBytes, long mediaBytes) {
        return new UsageMonth(m, 2, segmentBytes + mediaBytes, List.of(new UsageKind("segment", 1, segmentBytes), new UsageKind("media_chunk", 1, mediaBytes)));
    }

    private static UsageExpiry expiry(UsageMonth m, long at, String reason) {
        return new UsageExpiry(m.month(), at, reason, m.objects(), m.bytes(), m.byKind());
    }

    private static VaultUsage usage(UsagePlan plan, String state, Long paidUntil, Long readOnlyUntil, List<UsageMonth> months, List<UsageExpiry> expiries) {
        long bytes = months.stream().mapToLong(UsageMonth::bytes).sum();
        return new VaultUsage(4, bytes, 2, bytes, 3, plan, state, paidUntil, null, readOnlyUntil, readOnlyUntil, 0,
                List.of(), months, expiries);
    }

    @Test
    void aPaidVaultAnnouncesWhatTheCutWouldRemoveInWordsAndNumbersForPeople() {
        UsageMonth jan = month(202501, 4000, 2 * GIB), feb = month(202502, 1000, 1181116007L), may = month(202505, 500, 0);
        long cut = at("2027-01-14T10:00:00Z");
        VaultUsage u = usage(STANDARD, VaultUsage.PAID, at("2026-12-15T10:00:00Z"), cut, List.of(jan, feb, may),
                List.of(expiry(jan, cut, UsageExpiry.CUT), expiry(feb, cut, UsageExpiry.CUT)));

        List<String> lines = UsageNotices.describe(u, Map.of(202501, 1000L, 202502, 204L, 202505, 50L), NOW);

        assertThat(lines).containsExactly(
                "plan: Standard (text and media, keeps the last 2 years); 3.1 GiB of 50 GiB used (6%)",
                "paid until 2026-12-15",
                "1,204 messages and 3.1 GiB of photos, videos and files older than March 2025 will be removed on 2027-01-14 unless you renew");
    }

    @Test
    void theReadOnlyGraceSaysWhenItEndsAndThatRestoreStillWorks() {
        UsageMonth old = month(202301, 800, 0);
        VaultUsage u = usage(STANDARD, VaultUsage.READ_ONLY, at("2026-11-20T00:00:00Z"), at("2026-12-20T00:00:00Z"), List.of(old),
                List.of(expiry(old, at("2026-12-20T00:00:00Z"), UsageExpiry.CUT)));

        assertThat(UsageNotices.describe(u, Map.of(), NOW)).containsExactly(
                "plan: Standard (text and media, keeps the last 2 years); 800 B of 50 GiB used (0%)",
                "your subscription lapsed on 2026-11-20; the vault is read-only until 2026-12-20; restore and export still work; renew to back up again",
                "800 B of messages older than February 2023 will be removed on 2026-12-20 unless you renew");
    }

    @Test
    void theFreePlansWindowNamesItselfAndADueRemovalSaysSo() {
        UsageMonth sep = month(202609, 300, 0), oct = month(202610, 300, 0), nov = month(202611, 300, 0);
        VaultUsage u = usage(FREE, VaultUsage.FREE, null, null, List.of(sep, oct, nov),
                List.of(expiry(sep, NOW.toEpochMilli(), UsageExpiry.PLAN), expiry(oct, at("2026-12-31T00:00:00Z"), UsageExpiry.PLAN)));

        assertThat(UsageNotices.describe(u, Map.of(202609, 1L, 202610, 12L), NOW)).containsExactly(
                "plan: Free (text only, keeps the last 30 days); 900 B of 200 MiB used (0%)",
                "1 message older than October 2026 will be removed at the server's next lifecycle run: your Free plan keeps only the last 30 days",
                "12 messages from October 2026 will be removed on 2026-12-31: your Free plan keeps only the last 30 days");
        assertThat(UsageNotices.period(Period.parse("P1Y6M"))).isEqualTo("1 year and 6 months");
    }

    @Test
    void aVaultThatKeepsEverythingSaysNothingExpires() {
        VaultUsage u = usage(new UsagePlan("forever", "Forever", true, null, 200 * GIB), VaultUsage.PAID, null, null, List.of(), List.of());
        assertThat(UsageNotices.describe(u, Map.of(), NOW)).containsExactly(
                "plan: Forever (text and media, keeps everything); 0 B of 200 GiB used (0%)", "nothing in the vault is due to expire");
    }
}
