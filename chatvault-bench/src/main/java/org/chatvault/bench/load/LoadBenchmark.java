package org.chatvault.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.chatvault.generator.Directories;

/**
 * {@code chatvault-bench load} (issue 3): a population of simulated phones against one or more
 * servers for a bounded time, reporting per-endpoint latency, throughput and errors. Loopback
 * only: it starts its own servers, or is pointed at servers on this machine with {@code --url}.
 * Exits 1 when any request or operation failed.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        LoadReport report = run(options);
        report.print(System.out);
        if (options.json() != null) report.writeJson(options.json());
        if (report.errors() > 0) System.exit(1);
    }

    static LoadReport run(LoadOptions options) throws Exception {
        Path work = Files.createTempDirectory("chatvault-load");
        try (ServerFleet fleet = ServerFleet.start(options, work)) {
            String config = options.summary(fleet.uris());
            System.out.println(config);
            System.out.println("servers: " + fleet.description());
            long t0 = System.nanoTime();
            DevicePopulation prepared;
            try {
                prepared = DevicePopulation.prepare(options, fleet.uris(), work.resolve("devices"));
            } catch (Exception e) {
                fleet.serverProblems(60).forEach(System.err::println);
                throw e;
            }
            try (DevicePopulation population = prepared) {
                double setup = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%d devices ready in %.1f s; running for %d s%n", options.devices(), setup, options.duration().toSeconds());
                Measurements measurements = new Measurements();
                Duration window = new LoadRun(options, measurements).run(population.devices());
                return LoadReport.of(config, fleet.description(), setup, window.toNanos() / 1e9, measurements, fleet.serverProblems(60));
            }
        } finally {
            Directories.deleteTree(work);
        }
    }
}
