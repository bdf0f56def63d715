package org.chatvault.bench.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The table of issue 13 in Markdown, ready for docs/BENCHMARKS.md: each figure for Chatvault,
 * restic and borg, Chatvault's ratio to each, and the target next to them. Over several
 * runs a value is the median of the runs' values and a ratio the median of the runs' ratios (not
 * the ratio of the medians), so one noisy run cannot pair a fast Chatvault with a slow restic.
 */
final class CompareTable {
    private static final String NONE = "—";
    private static final String HEADER = "| figure | Chatvault | restic | borg | Chatvault÷restic | Chatvault÷borg | target (issue 13) |\n"
            + "|---|---|---|---|---|---|---|\n";

    private CompareTable() {}

    enum Unit {
        SECONDS("%.2f s", 1), MILLISECONDS("%.0f ms", 1e3), MEGABYTES("%.1f MB", 1e-6), BYTES("%,.0f", 1), MEBIBYTES("%.0f MiB", 1.0 / (1 << 20));

        private final String format;
        private final double scale;

        Unit(String format, double scale) { this.format = format; this.scale = scale; }

        String format(double v) { return Double.isNaN(v) ? NONE : String.format(Locale.US, format, v * scale); }
    }

    /** A goal of the issue, judged on Chatvault's value or its ratio to restic; null where the issue sets none. */
    private record Target(String text, boolean onRatio, double limit) {
        static Target ratioToRestic(double limit) { return new Target(String.format(Locale.US, "≤ %.1f× restic", limit), true, limit); }

        static Target atMost(double seconds) { return new Target(String.format(Locale.US, "≤ %.1f s", seconds), false, seconds); }

        String judge(double chatvault, double ratioToRestic) {
            double v = onRatio ? ratioToRestic : chatvault;
            if (Double.isNaN(v)) return text + ": " + NONE;
            return text + ": " + (v <= limit ? "met" : "missed");
        }
    }

    /**
     * One figure. {@code peerBase} is what a peer's ratio divides by (its whole restore for
     * "searchable", which the peers do not have); {@code detail} adds a Chatvault-only figure in brackets.
     */
    private record Row(String label, Unit unit, ToDoubleFunction<ToolFigures> value, ToDoubleFunction<ToolFigures> peerBase,
                       ToDoubleFunction<ToolFigures> detail, String detailText, Target target, String note) {
        Row(String label, Unit unit, ToDoubleFunction<ToolFigures> value, Target target, String note) {
            this(label, unit, value, value, null, null, target, note);
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row("initial backup (whole process)", Unit.SECONDS, ToolFigures::initialSec, ToolFigures::initialSec,
                    ToolFigures::initialInProcessSec, "in-process", Target.ratioToRestic(1.0), null),
            new Row("stored (Chatvault: the server's usage; peers: repository)", Unit.MEGABYTES, ToolFigures::storedBytes, null,
                    "shown: no worse than today"),
            new Row("stored on disk (server data directory / repository)", Unit.MEGABYTES, ToolFigures::storedOnDiskBytes, null, null),
            new Row("backup after +1,000 messages (whole process)", Unit.SECONDS, ToolFigures::incrementalSec, ToolFigures::incrementalSec,
                    ToolFigures::incrementalInProcessSec, "in-process", Target.atMost(0.5), null),
            new Row("incremental: bytes uploaded (Chatvault) / repository growth (peers)", Unit.BYTES, ToolFigures::incrementalBytes, null,
                    "shown: no worse than today"),
            new Row("restore: all text readable (peers: whole restore)", Unit.SECONDS, ToolFigures::readableSec, Target.ratioToRestic(1.0), null),
            new Row("restore: all text searchable (ratios to the peers' whole restore)", Unit.SECONDS, ToolFigures::searchableSec,
                    ToolFigures::readableSec, null, null, Target.ratioToRestic(3.0), null),
            new Row("restore: whole process", Unit.SECONDS, ToolFigures::restoreSec, null, null),
            new Row("restore: first screen", Unit.MILLISECONDS, ToolFigures::firstScreenSec, null, null),
            new Row("client peak RSS (largest of its backup and restore processes)", Unit.MEBIBYTES, ToolFigures::clientPeakRssBytes, null,
                    "Chatvault: -Xmx1g"),
            new Row("server peak RSS (heap capped at 1 GiB)", Unit.MEBIBYTES, ToolFigures::serverPeakRssBytes, null, null));

    /** The table over {@code runs}: one run's figures, or the medians of several. */
    static String markdown(List<RunFigures> runs) {
        StringBuilder out = new StringBuilder(HEADER);
        for (Row row : ROWS) {
            double chatvault = median(runs, RunFigures::chatvault, row.value());
            double ratioRestic = medianRatio(runs, RunFigures::restic, row);
            double ratioBorg = medianRatio(runs, RunFigures::borg, row);
            String chatvaultCell = row.unit().format(chatvault);
            if (row.detail() != null && !Double.isNaN(median(runs, RunFigures::chatvault, row.detail())))
                chatvaultCell += " (" + row.unit().format(median(runs, RunFigures::chatvault, row.detail())) + " " + row.detailText() + ")";
            String target = row.target() != null ? row.target().judge(chatvault, ratioRestic) : Objects.requireNonNullElse(row.note(), "");
            out.append("| ").append(row.label())
                    .append(" | ").append(chatvaultCell)
                    .append(" | ").append(row.unit().format(median(runs, RunFigures::restic, row.value())))
                    .append(" | ").append(row.unit().format(median(runs, RunFigures::borg, row.value())))
                    .append(" | ").append(ratio(ratioRestic))
                    .append(" | ").append(ratio(ratioBorg))
                    .append(" | ").append(target).append(" |\n");
        }
        return out.toString();
    }

    private static String ratio(double r) {
        if (Double.isNaN(r)) return NONE;
        // An incremental stores a hundredth of restic's: two decimals would round it to nothing.
        return String.format(Locale.US, r < 0.1 ? "%.4f×" : "%.2f×", r);
    }

    /** The median of a tool's figure over the runs that have it; NaN when none has. */
    static double median(List<RunFigures> runs, Function<RunFigures, ToolFigures> tool, ToDoubleFunction<ToolFigures> figure) {
        return median(runs.stream().map(tool).filter(Objects::nonNull).mapToDouble(figure).toArray());
    }

    private static double medianRatio(List<RunFigures> runs, Function<RunFigures, ToolFigures> peer, Row row) {
        if (row.peerBase() == null) return Double.NaN;
        return median(runs.stream().filter(r -> r.chatvault() != null && peer.apply(r) != null)
                .mapToDouble(r -> row.value().applyAsDouble(r.chatvault()) / row.peerBase().applyAsDouble(peer.apply(r))).toArray());
    }

    /** The median of the values that are numbers, NaN when there are none. */
    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d) && !Double.isInfinite(d)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
