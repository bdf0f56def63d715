package org.chatvault.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Message;
import org.chatvault.generator.DayOfUse;
import org.chatvault.generator.Directories;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.HistoryGenerator;
import org.chatvault.generator.HistorySink;

/**
 * {@code chatvault-bench compare}: Chatvault, restic and borg side by side on one generated
 * history (issue 13). Each run backs the history up, adds the same 1,000 messages, backs up again
 * and restores onto an empty device or directory, with every tool as a whole process; the table
 * of each run and of the medians is printed in Markdown.
 */
public final class CompareBenchmark {
    private static final int NEW_MESSAGES = 1_000;

    private CompareBenchmark() {}

    public static void main(String[] args) throws Exception {
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chatvault-bench compare: " + e.getMessage() + "\nusage: " + CompareOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.cli())) {
            System.err.println("chatvault-bench compare: no Chatvault CLI at " + options.cli().toAbsolutePath() + ": run from the project's root (where the "
                    + "./chatvault launcher is), or pass --cli PATH (the launcher, or a chatvault.jar)");
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (ToolProcess.ToolFailedException | IllegalStateException e) {
            // A tool that failed, or printed what this benchmark cannot read: its own words say more than a stack trace.
            System.err.println("chatvault-bench compare: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(CompareOptions options) throws IOException, InterruptedException {
        Path restic = available("restic", options.restic(), "apt-get install restic, or pass --restic PATH");
        Path borg = available("borg", options.borg(), "apt-get install borgbackup, or pass --borg PATH");
        Path work = options.keep() != null ? Files.createDirectories(options.keep()) : Files.createTempDirectory("chatvault-compare");
        try {
            if (!options.cli().getFileName().toString().endsWith(".jar")) {
                // Untimed: the launcher builds the jar here if the sources are newer, never inside a timed step.
                ToolProcess.run("chatvault --version", List.of(options.cli().toAbsolutePath().toString(), "--version"), work,
                        Map.of("JAVA_HOME", System.getProperty("java.home")));
            }
            System.out.println("java " + System.getProperty("java.version") + (restic == null ? "" : "; " + version(restic, work, "version"))
                    + (borg == null ? "" : "; " + version(borg, work, "--version")));
            Path template = work.resolve("template.db");
            long t0 = System.nanoTime();
            try (LocalStore store = LocalStore.open(template)) {
                HistoryGenerator.generate(GeneratorOptions.of(options.seed(), options.conversations(), options.messages(),
                        Clock.systemUTC().millis() - 3_600_000L), HistorySink.of(store::putConversation, store::addMessages));
            }
            System.out.printf("generated %,d messages in %,d conversations in %.1f s (%,d bytes of SQLite)%n", options.messages(),
                    options.conversations(), (System.nanoTime() - t0) / 1e9, Files.size(template));
            List<Message> newMessages = dayOfUse(template);
            List<RunFigures> runs = new ArrayList<>();
            for (int r = 1; r <= options.runs(); r++) {
                Path dir = Files.createDirectories(work.resolve("run" + r));
                String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
                ToolFigures chatvault = new ChatvaultSide(options.cli(), password).measure(dir.resolve("chatvault"), template, newMessages);
                RunFigures run = peers(dir, template, newMessages, password, chatvault, restic, borg);
                runs.add(run);
                System.out.printf("%n### run %d of %d: %,d messages, %,d conversations%n%n%s", r, options.runs(), options.messages(),
                        options.conversations(), CompareTable.markdown(List.of(run)));
                if (options.keep() == null) Directories.deleteTree(dir);
            }
            System.out.printf("%n### median of %d run%s (ratios: the median of each run's ratio), %,d messages, %,d conversations%n%n%s",
                    runs.size(), runs.size() == 1 ? "" : "s", options.messages(), options.conversations(), CompareTable.markdown(runs));
        } finally {
            if (options.keep() == null) Directories.deleteTree(work);
            else System.out.println("kept every run's directories under " + work.toAbsolutePath());
        }
    }

    /** The tool at {@code path}, or null after saying how to get it: its column then shows "—". */
    private static Path available(String name, Path path, String how) {
        if (Files.isExecutable(path) && !Files.isDirectory(path)) return path;
        System.out.println(name + " not found at " + path + ": " + how);
        return null;
    }

    private static String version(Path tool, Path work, String option) {
        return ToolProcess.run(tool.getFileName() + " " + option, List.of(tool.toString(), option), work, java.util.Map.of("HOME", work.toString()))
                .stdout().strip();
    }

    /** The 1,000 messages a day of use adds to the 20 most recent chats: the same for every tool and every run. */
    private static List<Message> dayOfUse(Path template) {
        try (LocalStore store = LocalStore.open(template)) {
            return DayOfUse.messages(store.recentConversations(20).stream()
                    .map(c -> new DayOfUse.ActiveChat(c.conversation(), c.lastActivity())).toList(), NEW_MESSAGES, Clock.systemUTC().millis());
        }
    }

    /**
     * restic and borg on one copy of the history: both back it up, the same messages are added,
     * both back up again, and each restores into an empty directory. The file is closed (its
     * write-ahead log checkpointed into it) before any tool reads it.
     */
    private static RunFigures peers(Path dir, Path template, List<Message> newMessages, String password, ToolFigures chatvault,
                                    Path resticPath, Path borgPath) throws IOException {
        List<PeerTool> tools = new ArrayList<>();
        if (resticPath != null) tools.add(new PeerTool.Restic(resticPath, Files.createDirectories(dir.resolve("restic")), password));
        if (borgPath != null) tools.add(new PeerTool.Borg(borgPath, Files.createDirectories(dir.resolve("borg")), password));
        if (tools.isEmpty()) return new RunFigures(chatvault, null, null);
        Path file = Files.createDirectories(dir.resolve("files")).resolve("chat.db");
        Files.copy(template, file, StandardCopyOption.REPLACE_EXISTING);
        int n = tools.size();
        double[] initial = new double[n], repo = new double[n], incremental = new double[n], growth = new double[n], restore = new double[n];
        double[] rss = new double[n];
        for (int i = 0; i < n; i++) {
            tools.get(i).init();
            ToolProcess.Result backup = tools.get(i).backup(file, "initial");
            initial[i] = backup.wallSeconds();
            rss[i] = backup.peakRssBytes();
            repo[i] = tools.get(i).repositoryBytes();
        }
        try (LocalStore store = LocalStore.open(file)) {
            store.addMessages(newMessages);
        }
        if (Files.exists(file.resolveSibling("chat.db-wal")))
            throw new IllegalStateException("the LocalStore left a write-ahead log beside " + file + ": the file alone would not hold every message");
        for (int i = 0; i < n; i++) {
            ToolProcess.Result backup = tools.get(i).backup(file, "incremental");
            incremental[i] = backup.wallSeconds();
            rss[i] = Math.max(rss[i], backup.peakRssBytes());
            long after = tools.get(i).repositoryBytes();
            growth[i] = after - repo[i];
            repo[i] = after;
        }
        for (int i = 0; i < n; i++) {
            Path target = Files.createDirectories(dir.resolve(tools.get(i).name() + "-restore"));
            ToolProcess.Result restored = tools.get(i).restore(target);
            restore[i] = restored.wallSeconds();
            rss[i] = Math.max(rss[i], restored.peakRssBytes());
            tools.get(i).checkRestored(file, target);
        }
        ToolFigures restic = null, borg = null;
        for (int i = 0; i < n; i++) {
            ToolFigures f = ToolFigures.ofFileTool(initial[i], repo[i], incremental[i], growth[i], restore[i], rss[i]);
            if (tools.get(i) instanceof PeerTool.Restic) restic = f;
            else borg = f;
        }
        return new RunFigures(chatvault, restic, borg);
    }
}
