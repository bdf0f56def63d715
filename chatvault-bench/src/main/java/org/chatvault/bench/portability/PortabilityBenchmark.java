package org.chatvault.bench.portability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chatvault.bench.HeapPeaks;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.exporter.ExportService;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.LocalStore;
import org.chatvault.generator.Directories;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.HistoryGenerator;
import org.chatvault.generator.HistorySink;

/**
 * Issue 12's figures: export a generated history to JSON, import that export into an empty
 * LocalStore (messages per second, with the peak heap to show both are streamed), then the
 * other export formats. {@code chatvault-bench portability [--messages N] [--conversations N] [--runs N]}.
 * Search on a large store is {@link SearchBenchmark}.
 */
public final class PortabilityBenchmark {
    private PortabilityBenchmark() {}

    record Run(double exportSec, double importSec, double indexSec, long exportHeap, long importHeap, long exportBytes) {}

    public static void main(String[] args) throws Exception {
        long messages = 1_000_000;
        int conversations = 500;
        int runs = 3;
        long seed = 2026;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Long.parseLong(args[++i]);
                case "--conversations" -> conversations = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (portability [--messages N] [--conversations N] [--runs N] [--seed N])");
            }
        }
        Path work = Files.createTempDirectory("chatvault-portability");
        try {
            Path source = work.resolve("source.db");
            long t0 = System.nanoTime();
            try (LocalStore store = LocalStore.open(source)) {
                HistoryGenerator.generate(GeneratorOptions.of(seed, conversations, messages, Clock.systemUTC().millis() - 3_600_000L),
                        HistorySink.of(store::putConversation, store::addMessages));
            }
            System.out.printf("generated %,d messages in %,d conversations in %.1f s (max heap %,d MiB)%n", messages, conversations,
                    (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().maxMemory() >> 20);
            List<Run> results = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                Run run = once(work.resolve("run" + r), source, messages);
                results.add(run);
                System.out.printf("run %d: export JSON %.2f s (%,.0f msg/s, peak heap %,d MiB, %,d bytes); import %.2f s (%,.0f msg/s, peak heap %,d MiB);"
                                + " search index after import %.2f s%n", r, run.exportSec(), messages / run.exportSec(), run.exportHeap() >> 20,
                        run.exportBytes(), run.importSec(), messages / run.importSec(), run.importHeap() >> 20, run.indexSec());
                Directories.deleteTree(work.resolve("run" + r));
            }
            double exp = median(results.stream().mapToDouble(Run::exportSec).toArray());
            double imp = median(results.stream().mapToDouble(Run::importSec).toArray());
            double idx = median(results.stream().mapToDouble(Run::indexSec).toArray());
            System.out.printf("%nmedian of %d: export to JSON %.2f s = %,.0f msg/s; import %.2f s = %,.0f msg/s; search index after import %.2f s%n",
                    runs, exp, messages / exp, imp, messages / imp, idx);
            whatsApp(work, source, messages);
            for (ExportFormat f : List.of(ExportFormat.TXT, ExportFormat.HTML)) {
                Path out = work.resolve("export-" + f.cliName());
                try (LocalStore store = LocalStore.open(source)) {
                    HeapPeaks.reset();
                    long s = System.nanoTime();
                    new ExportService(store).run(out, f, ExportOptions.all(ZoneId.of("Asia/Shanghai")));
                    double sec = (System.nanoTime() - s) / 1e9;
                    System.out.printf("export to %s: %.2f s = %,.0f msg/s, peak heap %,d MiB, %,d bytes%n", f.cliName(), sec, messages / sec,
                            HeapPeaks.read() >> 20, size(out));
                }
                Directories.deleteTree(out);
            }
        } finally {
            Directories.deleteTree(work);
        }
    }

    private static Run once(Path dir, Path source, long expected) throws Exception {
        Files.createDirectories(dir);
        Path export = dir.resolve("export");
        long exportNanos;
        long exportHeap;
        try (LocalStore store = LocalStore.open(source)) {
            System.gc();
            HeapPeaks.reset();
            long s = System.nanoTime();
            ExportReport r = new ExportService(store).run(export, ExportFormat.JSON, ExportOptions.all(ZoneId.of("UTC")));
            exportNanos = System.nanoTime() - s;
            exportHeap = HeapPeaks.read();
            if (r.messages() != expected) throw new IllegalStateException("exported " + r.messages() + " of " + expected + " messages");
        }
        long importNanos;
        long importHeap;
        long indexNanos;
        try (LocalStore store = LocalStore.open(dir.resolve("imported.db"))) {
            System.gc();
            HeapPeaks.reset();
            long s = System.nanoTime();
            ImportReport r = new ImportService(store, Clock.systemUTC()).run(export, ImportFormat.CHATVAULT_JSON, new ImportOptions(ZoneId.of("UTC")));
            importNanos = System.nanoTime() - s;
            importHeap = HeapPeaks.read();
            if (r.messagesAdded() != expected || store.messageCount() != expected)
                throw new IllegalStateException("imported " + r.messagesAdded() + " of " + expected + " messages");
            s = System.nanoTime();
            store.buildSearchIndex(n -> {});
            indexNanos = System.nanoTime() - s;
        }
        return new Run(exportNanos / 1e9, importNanos / 1e9, indexNanos / 1e9, exportHeap, importHeap, size(export));
    }

    /**
     * The same history as WhatsApp chat texts (the Android 24-hour form), one file per conversation
     * as WhatsApp exports them, imported into an empty store: a native format whose ids are hashes
     * of the lines, not numbers. Times have minutes only, as in WhatsApp's export.
     */
    private static void whatsApp(Path work, Path source, long messages) throws java.io.IOException {
        Path chats = Files.createDirectories(work.resolve("whatsapp"));
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm").withZone(java.time.ZoneOffset.UTC);
        long[] lines = {0};
        List<Path> files = new ArrayList<>();
        try (LocalStore store = LocalStore.open(source)) {
            for (var c : store.conversations()) {
                Path chat = chats.resolve("WhatsApp Chat with Bench " + files.size() + ".txt");
                files.add(chat);
                try (java.io.BufferedWriter out = Files.newBufferedWriter(chat, java.nio.charset.StandardCharsets.UTF_8)) {
                    store.forEachMessage(c.id(), Long.MIN_VALUE, m -> {
                        String text = m.text() == null || m.text().isBlank() ? "<Media omitted>" : m.text();
                        try {
                            out.write(f.format(java.time.Instant.ofEpochMilli(m.sentAt())) + " - " + m.sender().replace(':', ' ') + ": " + text + "\n");
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        lines[0]++;
                    });
                }
            }
        }
        long bytes = size(chats);
        try (LocalStore store = LocalStore.open(work.resolve("whatsapp.db"))) {
            System.gc();
            HeapPeaks.reset();
            long read = 0;
            long s = System.nanoTime();
            for (Path chat : files) {
                read += new ImportService(store, Clock.systemUTC()).run(chat, ImportFormat.WHATSAPP, new ImportOptions(ZoneId.of("UTC"))).messagesRead();
            }
            double sec = (System.nanoTime() - s) / 1e9;
            System.out.printf("import of %,d WhatsApp chat texts, %,d messages (%,d bytes): %.2f s = %,.0f msg/s, peak heap %,d MiB; %,d read, %,d stored%n",
                    files.size(), lines[0], bytes, sec, read / sec, HeapPeaks.read() >> 20, read, store.messageCount());
        }
        Directories.deleteTree(chats);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long size(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
