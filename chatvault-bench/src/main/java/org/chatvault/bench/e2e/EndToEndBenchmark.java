package org.chatvault.bench.e2e;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.chatvault.bench.HeapPeaks;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.generator.DayOfUse;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.HistoryGenerator;
import org.chatvault.generator.HistorySink;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.core.model.Conversation;

/**
 * The end-to-end benchmark of issue 2: a generated history backed up into a server running in
 * its own JVM, an incremental backup after 1,000 new messages, and a restore onto a fresh device.
 * Prints one row per run and the median, against the targets.
 */
public final class EndToEndBenchmark {
    private EndToEndBenchmark() {}

    record Run(double backupMsgPerSec, double backupSec, double incrementalSec, long incrementalBytes, double firstScreenMs,
               long bytesBeforeFirstScreen, double allTextMsgPerSec, double allTextSec, double searchableSec, long storedBytes, long messages,
               long clientPeakHeap, long serverPeakRss) {}

    public static void main(String[] args) throws Exception {
        int conversations = 1_000;
        long messages = 2_000_000;
        int runs = 3;
        long seed = 2026;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--preset" -> {
                    switch (args[++i]) {
                        case "small" -> { conversations = 100; messages = 100_000; }
                        case "medium" -> { conversations = 500; messages = 500_000; }
                        case "large" -> { conversations = 1_000; messages = 2_000_000; }
                        default -> throw new IllegalArgumentException("presets: small, medium, large");
                    }
                }
                case "--conversations" -> conversations = Integer.parseInt(args[++i]);
                case "--messages" -> messages = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("chatvault-bench");
        try {
            Path template = work.resolve("template.db");
            long now = Clock.systemUTC().millis() - 3_600_000L;
            long t0 = System.nanoTime();
            try (LocalStore store = LocalStore.open(template)) {
                HistoryGenerator.generate(GeneratorOptions.of(seed, conversations, messages, now), HistorySink.of(store::putConversation, store::addMessages));
            }
            System.out.printf("generated %,d messages in %,d conversations in %.1f s%n", messages, conversations, (System.nanoTime() - t0) / 1e9);
            long json = jsonSize(template);
            System.out.printf("plaintext JSON of the history: %,d bytes%n", json);
            List<Run> results = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                Run run = once(work.resolve("run" + r), template);
                results.add(run);
                System.out.println("run " + r + ": " + run);
            }
            print(results, json);
        } finally {
            org.chatvault.generator.Directories.deleteTree(work);
        }
    }

    private static Run once(Path dir, Path template) throws Exception {
        Files.createDirectories(dir);
        Path phoneDb = dir.resolve("phone/local.db");
        Files.createDirectories(phoneDb.getParent());
        Files.copy(template, phoneDb, StandardCopyOption.REPLACE_EXISTING);
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
        System.gc();
        HeapPeaks.reset();
        try (ServerProcess server = new ServerProcess(dir.resolve("server"))) {
            AccountService.Created created = new AccountService(new ProfileStore(dir.resolve("phone"))).create(server.uri(), "bench", password, null);
            BackupReport first, second;
            long messages;
            try (Session a = created.session(); LocalStore store = LocalStore.open(phoneDb)) {
                first = new BackupService(a, store, Clock.systemUTC()).run(BackupListener.NONE);
                messages = first.messagesEncoded();
                store.addMessages(DayOfUse.messages(store.recentConversations(20).stream()
                        .map(c -> new DayOfUse.ActiveChat(c.conversation(), c.lastActivity())).toList(), 1_000, Clock.systemUTC().millis()));
                second = new BackupService(a, store, Clock.systemUTC()).run(BackupListener.NONE);
            }
            RestoreReport restored;
            long stored;
            try (Session b = new AccountService(new ProfileStore(dir.resolve("new-phone"))).login(server.uri(), "bench", password,
                    new Unlock.WithRecoveryKey(created.recoveryKey()));
                 LocalStore fresh = LocalStore.open(dir.resolve("new-phone/local.db"))) {
                restored = new RestoreService(b, fresh, Clock.systemUTC()).run(RestoreListener.NONE);
                stored = b.api().usage().bytes();
            }
            return new Run(messages / secs(first.elapsed()), secs(first.elapsed()), secs(second.elapsed()), second.bytesUploaded(),
                    restored.firstScreen().toNanos() / 1e6, restored.bytesBeforeFirstScreen(), restored.messages() / secs(restored.allText()),
                    secs(restored.allText()), secs(restored.searchable()), stored, restored.messages(), HeapPeaks.read(), server.peakRssBytes());
        }
    }

    private static double secs(java.time.Duration d) { return Math.max(1e-9, d.toNanos() / 1e9); }

    /** Bytes of the history as JSON (conversations and messages, null fields left out): the baseline for stored size. */
    static long jsonSize(Path db) throws IOException {
        ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        CountingStream counter = new CountingStream();
        try (LocalStore store = LocalStore.open(db); JsonGenerator g = json.getFactory().createGenerator(counter)) {
            g.writeStartArray();
            for (Conversation c : store.conversations()) {
                json.writeValue(g, c);
                store.forEachMessage(c.id(), Long.MIN_VALUE, m -> {
                    try {
                        if (!m.ephemeral()) json.writeValue(g, m);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            g.writeEndArray();
        }
        return counter.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override public void write(int b) { count++; }

        @Override public void write(byte[] b, int off, int len) { count += len; }
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void print(List<Run> runs, long json) {
        double backup = median(runs, Run::backupMsgPerSec);
        double incr = median(runs, Run::incrementalSec);
        double first = median(runs, Run::firstScreenMs);
        double allText = median(runs, Run::allTextMsgPerSec);
        double stored = median(runs, r -> r.storedBytes());
        double clientHeap = median(runs, r -> r.clientPeakHeap()) / (1 << 20);
        double serverRss = median(runs, r -> r.serverPeakRss()) / (1 << 20);
        long messages = runs.getFirst().messages();
        System.out.println();
        System.out.printf("median of %d runs, %,d messages%n", runs.size(), messages);
        System.out.println("| figure | median | target | met |");
        System.out.println("|---|---|---|---|");
        row("initial backup", String.format("%,.0f msg/s (%.1f s)", backup, median(runs, Run::backupSec)), "≥ 200,000 msg/s", backup >= 200_000);
        row("incremental backup, +1,000 messages", String.format("%.3f s, %,.0f bytes uploaded", incr, median(runs, r -> r.incrementalBytes())), "≤ 1 s", incr <= 1.0);
        row("restore: first screen", String.format("%.0f ms, %,.0f bytes fetched", first, median(runs, r -> r.bytesBeforeFirstScreen())), "≤ 1,000 ms", first <= 1000);
        row("restore: all text", String.format("%,.0f msg/s (%.1f s)", allText, median(runs, Run::allTextSec)), "≥ 200,000 msg/s", allText >= 200_000);
        row("restore: all history searchable", String.format("%.1f s", median(runs, Run::searchableSec)), "(none)", true);
        row("stored bytes", String.format("%,.0f (%.1f per message, %.1f%% of %,d JSON bytes)", stored, stored / messages, 100.0 * stored / json, json),
                "≤ 60% of JSON", stored <= 0.6 * json);
        row("client peak heap", String.format("%.0f MiB", clientHeap), "≤ 1,024 MiB", clientHeap <= 1024);
        row("server peak RSS (heap capped at 1 GiB)", String.format("%.0f MiB", serverRss), "heap ≤ 1,024 MiB", true);
    }

    private static void row(String what, String value, String target, boolean met) {
        System.out.printf("| %s | %s | %s | %s |%n", what, value, target, met ? "yes" : "NO");
    }
}
