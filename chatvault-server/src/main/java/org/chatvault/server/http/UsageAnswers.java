package org.chatvault.server.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.protocol.vault.UsageExpiry;
import org.chatvault.protocol.vault.UsageKind;
import org.chatvault.protocol.vault.UsageMonth;
import org.chatvault.protocol.vault.UsagePlan;
import org.chatvault.protocol.vault.VaultUsage;
import org.chatvault.server.billing.Entitlement;
import org.chatvault.server.billing.Plan;
import org.chatvault.server.vault.MonthKindUsage;
import org.chatvault.server.vault.Usage;
import org.chatvault.server.vault.UsageService;

/** {@link UsageService.Report} as the {@code /v1/usage} answer: totals by kind and by month, dates as epoch ms. */
final class UsageAnswers {
    private UsageAnswers() {}

    static VaultUsage of(UsageService.Report r) {
        Usage u = r.usage();
        Entitlement e = r.entitlement();
        Map<Integer, List<MonthKindUsage>> byMonth = new TreeMap<>();
        Map<ObjectKind, long[]> byKind = new EnumMap<>(ObjectKind.class);
        for (MonthKindUsage s : r.byMonthAndKind()) {
            byMonth.computeIfAbsent(s.bucket(), b -> new ArrayList<>()).add(s);
            long[] sum = byKind.computeIfAbsent(s.kind(), k -> new long[2]);
            sum[0] += s.objects();
            sum[1] += s.bytes();
        }
        List<UsageKind> kinds = new ArrayList<>();
        byKind.forEach((k, sum) -> kinds.add(new UsageKind(kindName(k), sum[0], sum[1])));
        List<UsageMonth> months = new ArrayList<>();
        byMonth.forEach((month, slices) -> months.add(new UsageMonth(month, objects(slices), bytes(slices), kinds(slices))));
        List<UsageExpiry> expiries = new ArrayList<>();
        for (UsageService.Expiry x : r.expiries()) {
            List<MonthKindUsage> slices = byMonth.getOrDefault(x.bucket(), List.of());
            expiries.add(new UsageExpiry(x.bucket(), x.at().toEpochMilli(), x.reason() == UsageService.ExpiryReason.CUT ? UsageExpiry.CUT : UsageExpiry.PLAN,
                    objects(slices), bytes(slices), kinds(slices)));
        }
        return new VaultUsage(u.objects(), u.bytes(), u.packs(), u.packBytes(), u.version(), plan(e.plan()), state(e),
                millis(e.paidUntil()), millis(e.storeGraceUntil()), millis(e.readOnlyUntil()), millis(e.cutOn()), r.keptFrom(),
                kinds, months, expiries);
    }

    /** The wire name of a kind: {@code media_chunk} for MEDIA_CHUNK. */
    static String kindName(ObjectKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private static UsagePlan plan(Plan p) {
        return new UsagePlan(p.id(), p.name(), p.media(), p.retention() == null ? null : p.retention().toString(), p.quotaBytes());
    }

    private static String state(Entitlement e) {
        return switch (e.state()) {
            case FREE -> VaultUsage.FREE;
            case PAID -> VaultUsage.PAID;
            case READ_ONLY -> VaultUsage.READ_ONLY;
        };
    }

    private static long objects(List<MonthKindUsage> slices) {
        return slices.stream().mapToLong(MonthKindUsage::objects).sum();
    }

    private static long bytes(List<MonthKindUsage> slices) {
        return slices.stream().mapToLong(MonthKindUsage::bytes).sum();
    }

    private static List<UsageKind> kinds(List<MonthKindUsage> slices) {
        return slices.stream().map(s -> new UsageKind(kindName(s.kind()), s.objects(), s.bytes())).toList();
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
