package org.chatvault.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareTableTest {
    private static final double NA = Double.NaN;

    private static ToolFigures chatvault(double initial, double readable, double incremental) {
        return new ToolFigures(initial, initial - 1, 114e6, 120e6, incremental, 0.39, 200_000, readable, 3 * readable, readable + 1, 0.2,
                300.0 * (1 << 20), 700.0 * (1 << 20));
    }

    private static String row(String table, String label) {
        return Arrays.stream(table.split("\n")).filter(l -> l.startsWith("| " + label + " |")).findFirst().orElseThrow();
    }

    @Test
    void oneRunShowsEachToolTheRatiosAndWhetherTheTargetsAreMet() {
        RunFigures run = new RunFigures(chatvault(11.1, 2.0, 1.9), ToolFigures.ofFileTool(5.7, 269e6, 2.3, 45e6, 2.5, 70.0 * (1 << 20)),
                ToolFigures.ofFileTool(4.3, 263e6, 2.3, 44e6, 3.0, Double.NaN));
        String table = CompareTable.markdown(List.of(run));
        assertThat(table).startsWith("| figure | Chatvault | restic | borg | Chatvault÷restic | Chatvault÷borg | target (issue 13) |\n|---|");
        assertThat(row(table, "initial backup (whole process)"))
                .isEqualTo("| initial backup (whole process) | 11.10 s (10.10 s in-process) | 5.70 s | 4.30 s | 1.95× | 2.58× | ≤ 1.0× restic: missed |");
        assertThat(row(table, "restore: all text readable (peers: whole restore)")).contains("| 2.00 s | 2.50 s | 3.00 s | 0.80× | 0.67× | ≤ 1.0× restic: met |");
        // Searchable has no peer figure: its ratio is to the peer's whole restore.
        assertThat(row(table, "restore: all text searchable (ratios to the peers' whole restore)"))
                .contains("| 6.00 s | — | — | 2.40× | 2.00× | ≤ 3.0× restic: met |");
        assertThat(row(table, "backup after +1,000 messages (whole process)")).contains("| 1.90 s (0.39 s in-process) |").endsWith("≤ 0.5 s: missed |");
        assertThat(row(table, "stored (Chatvault: the server's usage; peers: repository)")).contains("| 114.0 MB | 269.0 MB | 263.0 MB | 0.42× |");
        assertThat(row(table, "incremental: bytes uploaded (Chatvault) / repository growth (peers)")).contains("| 200,000 | 45,000,000 | 44,000,000 | 0.0044× | 0.0045× |");
        assertThat(row(table, "restore: first screen")).contains("| 200 ms | — | — | — | — |");
        assertThat(row(table, "server peak RSS (heap capped at 1 GiB)")).contains("| 300 MiB | — | — |");
        assertThat(row(table, "client peak RSS (largest of its backup and restore processes)")).contains("| 700 MiB | 70 MiB | — | 10.00× | — |");
    }

    @Test
    void overRunsValuesAreMediansAndRatiosTheMedianOfEachRunsRatio() {
        List<RunFigures> runs = List.of(
                new RunFigures(chatvault(10, 1, 0.4), ToolFigures.ofFileTool(5, 1, 1, 1, 1, 1), null),
                new RunFigures(chatvault(20, 1, 0.4), ToolFigures.ofFileTool(40, 1, 1, 1, 1, 1), null),
                new RunFigures(chatvault(30, 1, 0.4), ToolFigures.ofFileTool(10, 1, 1, 1, 1, 1), null));
        String row = row(CompareTable.markdown(runs), "initial backup (whole process)");
        // Values 10/20/30 and 5/40/10 have medians 20 and 10; the runs' ratios 2.0, 0.5, 3.0 have median 2.0.
        assertThat(row).contains("| 20.00 s (19.00 s in-process) | 10.00 s | — | 2.00× | — |");
        List<RunFigures> skewed = List.of(runs.get(0), runs.get(1));
        // Two runs: values 15 and 22.5 (ratio of medians 0.67), ratios 2.0 and 0.5 have median 1.25.
        assertThat(row(CompareTable.markdown(skewed), "initial backup (whole process)")).contains("| 15.00 s (14.00 s in-process) | 22.50 s | — | 1.25× |");
        assertThat(row(CompareTable.markdown(runs), "backup after +1,000 messages (whole process)")).endsWith("≤ 0.5 s: met |");
    }

    @Test
    void anAbsentToolShowsADashAndItsTargetCannotBeJudged() {
        String table = CompareTable.markdown(List.of(new RunFigures(chatvault(11, 2, 1), null, null)));
        assertThat(row(table, "initial backup (whole process)")).endsWith("| — | — | — | — | ≤ 1.0× restic: — |");
    }

    @Test
    void theMedianSkipsFiguresThatAreNotThere() {
        assertThat(CompareTable.median(new double[] {3, NA, 1, 2})).isEqualTo(2.0);
        assertThat(CompareTable.median(new double[] {4, 1})).isEqualTo(2.5);
        assertThat(CompareTable.median(new double[] {NA})).isNaN();
    }
}
