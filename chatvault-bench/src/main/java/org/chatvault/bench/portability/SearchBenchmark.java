package org.chatvault.bench.portability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.SearchQuery;
import org.chatvault.generator.Directories;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.HistoryGenerator;
import org.chatvault.generator.HistorySink;

/**
 * Search latency on a large LocalStore: rare and common English words, Chinese words of two and
 * three characters, a query with no hit, each run several times (median reported).
 * {@code chatvault-bench search [--messages N] [--conversations N] [--repeats N]}.
 */
public final class SearchBenchmark {
    private SearchBenchmark() {}

    private static final List<String> QUERIES = List.of("the spreadsheet", "plumber", "haha", "周末", "吃饭了", "火锅", "zzqqxxj");

    public static void main(String[] args) throws Exception {
        long messages = 2_000_000;
        int conversations = 1_000;
        int repeats = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = Long.parseLong(args[++i]);
                case "--conversations" -> conversations = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (search [--messages N] [--conversations N] [--repeats N])");
            }
        }
        Path work = Files.createTempDirectory("chatvault-search");
        try (LocalStore store = LocalStore.open(work.resolve("local.db"))) {
            long t0 = System.nanoTime();
            HistoryGenerator.generate(GeneratorOptions.of(2026, conversations, messages, Clock.systemUTC().millis() - 3_600_000L),
                    HistorySink.of(store::putConversation, store::addMessages));
            System.out.printf("generated and indexed %,d messages in %.1f s%n", messages, (System.nanoTime() - t0) / 1e9);
            List<Double> all = new ArrayList<>();
            for (SearchCase c : cases(store)) {
                double[] ms = new double[repeats];
                int hits = 0;
                for (int r = 0; r < repeats; r++) {
                    long s = System.nanoTime();
                    hits = c.run(store);
                    ms[r] = (System.nanoTime() - s) / 1e6;
                }
                double median = PortabilityBenchmark.median(ms);
                all.add(median);
                System.out.printf("%-50s %4d hit(s)  median %7.1f ms  (max %7.1f ms)%n", c.label(), hits, median,
                        java.util.Arrays.stream(ms).max().orElse(0));
            }
            System.out.printf("slowest median: %.1f ms over %,d messages%n", all.stream().mapToDouble(d -> d).max().orElse(0), messages);
        } finally {
            Directories.deleteTree(work);
        }
    }

    /** One query as the user types it. */
    interface SearchCase {
        String label();
        int run(LocalStore store);
    }

    static List<SearchCase> cases(LocalStore store) {
        List<SearchCase> out = new ArrayList<>();
        for (String q : QUERIES) out.add(search("'" + q + "'", SearchQuery.of(q, 20)));
        // The filters: the busiest recent conversation, one of its senders and a sender who never wrote, the last 90 days.
        String conversation = store.recentConversations(1).getFirst().conversation().id();
        String sender = store.lastMessages(conversation, 1).getFirst().sender();
        long now = System.currentTimeMillis();
        long since = now - 90L * 86_400_000;
        for (String q : List.of("the", "haha", "周末")) {
            out.add(search("'" + q + "' in one conversation", new SearchQuery(q, List.of(conversation), null, Long.MIN_VALUE, Long.MAX_VALUE, 0, 20)));
            out.add(search("'" + q + "' from one sender", new SearchQuery(q, List.of(), sender, Long.MIN_VALUE, Long.MAX_VALUE, 0, 20)));
            out.add(search("'" + q + "' from a sender who never wrote", new SearchQuery(q, List.of(), "Nobody Atall", Long.MIN_VALUE, Long.MAX_VALUE, 0, 20)));
            out.add(search("'" + q + "' in the last 90 days", new SearchQuery(q, List.of(), null, since, Long.MAX_VALUE, 0, 20)));
            out.add(search("'" + q + "' all filters, context 3", new SearchQuery(q, List.of(conversation), sender, since, Long.MAX_VALUE, 3, 20)));
        }
        return out;
    }

    private static SearchCase search(String label, SearchQuery query) {
        return new SearchCase() {
            @Override public String label() { return label; }
            @Override public int run(LocalStore store) { return store.search(query).size(); }
        };
    }
}
