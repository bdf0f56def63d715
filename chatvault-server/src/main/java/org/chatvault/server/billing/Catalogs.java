package org.chatvault.server.billing;

import java.time.Period;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every catalog version the server knows; new purchases use the newest. */
public record Catalogs(List<Catalog> versions) {
    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;

    public Catalogs {
        if (versions.isEmpty()) throw new IllegalArgumentException("no catalog version configured");
        versions = versions.stream().sorted(Comparator.comparingInt(Catalog::version)).toList();
        for (int i = 1; i < versions.size(); i++)
            if (versions.get(i).version() == versions.get(i - 1).version())
                throw new IllegalArgumentException("catalog version " + versions.get(i).version() + " twice");
    }

    public Catalog current() { return versions.getLast(); }

    public Optional<Catalog> version(int v) {
        return versions.stream().filter(c -> c.version() == v).findFirst();
    }

    /**
     * The built-in catalog (version 1): free keeps 30 days of text in 200 MiB; standard keeps 2 years of
     * everything in 50 GiB; forever keeps everything in 200 GiB. Android (Play) 130 CNY a year, iOS
     * 180 CNY a year, monthly options, direct receipts at the Android price.
     */
    public static Catalogs defaults() {
        List<Plan> plans = List.of(
                new Plan(Catalog.FREE_PLAN, "Free", false, Period.ofDays(30), 200 * MIB),
                new Plan("standard", "Standard", true, Period.ofYears(2), 50 * GIB),
                new Plan("forever", "Forever", true, null, 200 * GIB));
        List<Price> prices = List.of(
                new Price("standard", Provider.GOOGLE, "chatvault.standard.yearly", BillingPeriod.YEAR, 130_00, "CNY"),
                new Price("standard", Provider.GOOGLE, "chatvault.standard.monthly", BillingPeriod.MONTH, 15_00, "CNY"),
                new Price("forever", Provider.GOOGLE, "chatvault.forever.yearly", BillingPeriod.YEAR, 260_00, "CNY"),
                new Price("forever", Provider.GOOGLE, "chatvault.forever.monthly", BillingPeriod.MONTH, 28_00, "CNY"),
                new Price("standard", Provider.APPLE, "chatvault.standard.yearly", BillingPeriod.YEAR, 180_00, "CNY"),
                new Price("standard", Provider.APPLE, "chatvault.standard.monthly", BillingPeriod.MONTH, 18_00, "CNY"),
                new Price("forever", Provider.APPLE, "chatvault.forever.yearly", BillingPeriod.YEAR, 360_00, "CNY"),
                new Price("forever", Provider.APPLE, "chatvault.forever.monthly", BillingPeriod.MONTH, 38_00, "CNY"),
                new Price("standard", Provider.DIRECT, "chatvault.standard.yearly", BillingPeriod.YEAR, 130_00, "CNY"),
                new Price("forever", Provider.DIRECT, "chatvault.forever.yearly", BillingPeriod.YEAR, 260_00, "CNY"));
        return new Catalogs(List.of(new Catalog(1, plans, prices)));
    }
}
