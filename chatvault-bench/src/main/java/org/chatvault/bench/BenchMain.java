package org.chatvault.bench;

import java.util.Arrays;
import org.chatvault.bench.e2e.EndToEndBenchmark;
import org.chatvault.bench.lifecycle.LifecycleBenchmark;
import org.chatvault.bench.load.LoadBenchmark;
import org.chatvault.bench.load.LoadOptions;
import org.chatvault.bench.media.MediaBenchmark;
import org.chatvault.bench.portability.PortabilityBenchmark;
import org.chatvault.bench.portability.SearchBenchmark;

/** {@code chatvault-bench e2e [options]}, {@code chatvault-bench load [options]}, {@code chatvault-bench media [options]}, {@code chatvault-bench lifecycle [options]}, {@code portability}, {@code search} or {@code chatvault-bench jmh [JMH options]}. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String what = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        switch (what) {
            case "e2e" -> EndToEndBenchmark.main(rest);
            case "compare" -> org.chatvault.bench.compare.CompareBenchmark.main(rest);
            case "load" -> LoadBenchmark.main(rest);
            case "media" -> MediaBenchmark.main(rest);
            case "lifecycle" -> LifecycleBenchmark.main(rest);
            case "portability" -> PortabilityBenchmark.main(rest);
            case "search" -> SearchBenchmark.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.out.println("usage: chatvault-bench e2e [--preset small|medium|large] [--conversations N --messages N] [--runs N]");
                System.out.println("       " + org.chatvault.bench.compare.CompareOptions.USAGE);
                System.out.println(LoadOptions.USAGE.replaceFirst("^chatvault-bench", "       chatvault-bench"));
                System.out.println("       chatvault-bench media [--size-mib N] [--runs N] [--seed N] [--restic PATH]");
                System.out.println("       chatvault-bench lifecycle [--accounts N] [--months N] [--objects-per-pack N] [--seed N]");
                System.out.println("       chatvault-bench portability [--messages N] [--conversations N] [--runs N] [--seed N]");
                System.out.println("       chatvault-bench search [--messages N] [--conversations N] [--repeats N]");
                System.out.println("       chatvault-bench jmh [JMH options, e.g. -f 1 -wi 3 -i 5]");
            }
        }
    }
}
