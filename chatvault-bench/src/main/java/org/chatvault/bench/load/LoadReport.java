package org.chatvault.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The results of one load run, as printed and as written with {@code --json}. */
public record LoadReport(String config, String servers, double setupSeconds, double windowSeconds, List<LatencyStats> endpoints,
                         List<LatencyStats> operations, long requests, double requestsPerSecond, long messagesBackedUp,
                         double messagesBackedUpPerSecond, long bytesUploaded, long messagesRestored, long bytesFetched, long errors,
                         List<String> firstErrors, List<String> serverProblems) {

    static LoadReport of(String config, String servers, double setupSeconds, double windowSeconds, Measurements m, List<String> serverProblems) {
        List<LatencyStats> endpoints = m.endpoints();
        long requests = endpoints.stream().mapToLong(LatencyStats::count).sum();
        long messages = m.messagesBackedUp.sum();
        return new LoadReport(config, servers, setupSeconds, windowSeconds, endpoints, m.operations(), requests, requests / windowSeconds,
                messages, messages / windowSeconds, m.bytesUploaded.sum(), m.messagesRestored.sum(), m.bytesFetched.sum(), m.errors(),
                m.firstErrors(), m.errors() == 0 ? List.of() : serverProblems);
    }

    void print(PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "%s%nservers: %s; setup (accounts, histories, first backups) %.1f s, not counted; window %.1f s%n",
                config, servers, setupSeconds, windowSeconds);
        out.println();
        table(out, "endpoint", endpoints);
        out.println();
        table(out, "operation", operations);
        out.println();
        out.printf(Locale.ROOT, "requests: %,d (%.1f/s); messages backed up: %,d (%.1f/s); bytes uploaded: %,d (%.1f KiB/s)%n",
                requests, requestsPerSecond, messagesBackedUp, messagesBackedUpPerSecond, bytesUploaded, bytesUploaded / windowSeconds / 1024);
        out.printf(Locale.ROOT, "restored: %,d messages, %,d bytes fetched%n", messagesRestored, bytesFetched);
        out.printf("errors: %d%n", errors);
        firstErrors.forEach(e -> out.println("  " + e));
        if (!serverProblems.isEmpty()) {
            out.println("what the servers logged:");
            serverProblems.forEach(l -> out.println("  " + l));
        }
    }

    private static void table(PrintStream out, String what, List<LatencyStats> rows) {
        out.printf("| %s | count | errors | p50 ms | p99 ms | max ms |%n|---|---:|---:|---:|---:|---:|%n", what);
        for (LatencyStats s : rows)
            out.printf(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %.1f |%n", s.name(), s.count(), s.errors(), s.p50Ms(), s.p99Ms(), s.maxMs());
    }

    void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
