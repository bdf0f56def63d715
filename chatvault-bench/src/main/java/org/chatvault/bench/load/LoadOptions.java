package org.chatvault.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code chatvault-bench load} does. The defaults describe the population of issue 3: 200
 * phones with a small history each, every one backing up a burst of new messages every 0.5–3 s
 * and, one time in ten, restoring its vault as a new phone would.
 *
 * @param setup                where the servers come from
 * @param urls                 the servers to use with {@link Setup#URLS}; devices are spread round-robin
 * @param devices              simulated devices, each with an account of its own
 * @param duration             the timed window; setup before it is not measured
 * @param seed                 fixes histories and every device's choices
 * @param historyMessages      messages in each device's initial history
 * @param historyConversations conversations in each device's initial history
 * @param burstMin             fewest new messages before an incremental backup
 * @param burstMax             most new messages before an incremental backup
 * @param restoreOneIn         one iteration in this many is a restore instead of a backup; 0 for none
 * @param thinkMin             shortest pause between two iterations of a device
 * @param thinkMax             longest pause between two iterations of a device
 * @param json                 where to write the results as JSON, or null
 */
public record LoadOptions(Setup setup, List<URI> urls, int devices, Duration duration, long seed, int historyMessages,
                          int historyConversations, int burstMin, int burstMax, int restoreOneIn, Duration thinkMin,
                          Duration thinkMax, Path json) {

    /** Where the servers under load come from. */
    public enum Setup {
        /** Servers already running at the given URLs. */
        URLS("urls"),
        /** One server JVM on the embedded default, SQLite and files. */
        EMBEDDED("embedded"),
        /** Two server JVMs sharing a fresh PostgreSQL schema and an s3proxy bucket. */
        PG_S3("pg-s3");

        final String label;

        Setup(String label) { this.label = label; }

        static Setup parse(String s) {
            for (Setup v : values()) if (v.label.equals(s) && v != URLS) return v;
            throw new IllegalArgumentException("--setup is embedded or pg-s3, not " + s);
        }
    }

    public static final String USAGE = """
            chatvault-bench load [--setup embedded|pg-s3 | --url URL ...] [--devices N] [--duration 60s] [--seed N]
                                 [--history-messages N] [--history-conversations N] [--burst MIN..MAX]
                                 [--restore-every N] [--think MIN..MAX] [--json FILE]
              --setup embedded  one server JVM on SQLite + files (the default)
              --setup pg-s3     two server JVMs sharing a fresh PostgreSQL schema and an s3proxy bucket
                                (PostgreSQL from CHATVAULT_BENCH_PG_URL/_USER/_PASSWORD, default
                                jdbc:postgresql://127.0.0.1:5432/chatvault_test, chatvault, chatvault)
              --url URL         a running server (repeatable; devices are spread round-robin)
              defaults: 200 devices, 60s, 2000 messages in 20 conversations, bursts of 5..50 messages,
                        a restore every 10th iteration, think 500ms..3s""";

    public LoadOptions {
        urls = List.copyOf(urls);
        if (setup == Setup.URLS && urls.isEmpty()) throw new IllegalArgumentException("give --url at least once, or --setup");
        if (setup != Setup.URLS && !urls.isEmpty()) throw new IllegalArgumentException("--url and --setup exclude each other");
        if (devices < 1) throw new IllegalArgumentException("--devices must be at least 1");
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--duration must be positive");
        if (historyConversations < 1 || historyMessages < historyConversations)
            throw new IllegalArgumentException("the history needs at least one conversation and a message in each");
        if (burstMin < 1 || burstMax < burstMin) throw new IllegalArgumentException("--burst needs 1 <= MIN <= MAX");
        if (restoreOneIn < 0) throw new IllegalArgumentException("--restore-every must not be negative");
        if (thinkMin.isNegative() || thinkMax.compareTo(thinkMin) < 0) throw new IllegalArgumentException("--think needs 0 <= MIN <= MAX");
    }

    public static LoadOptions parse(String[] args) {
        Setup setup = null;
        List<URI> urls = new ArrayList<>();
        int devices = 200, historyMessages = 2_000, historyConversations = 20, burstMin = 5, burstMax = 50, restoreOneIn = 10;
        Duration duration = Duration.ofSeconds(60), thinkMin = Duration.ofMillis(500), thinkMax = Duration.ofSeconds(3);
        long seed = 2026;
        Path json = null;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException(opt + " needs a value (or is unknown)");
            String v = args[++i];
            switch (opt) {
                case "--setup" -> setup = Setup.parse(v);
                case "--url" -> urls.add(URI.create(v));
                case "--devices" -> devices = Integer.parseInt(v);
                case "--duration" -> duration = duration(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--history-messages" -> historyMessages = Integer.parseInt(v);
                case "--history-conversations" -> historyConversations = Integer.parseInt(v);
                case "--burst" -> {
                    String[] r = range(v);
                    burstMin = Integer.parseInt(r[0]);
                    burstMax = Integer.parseInt(r[1]);
                }
                case "--restore-every" -> restoreOneIn = Integer.parseInt(v);
                case "--think" -> {
                    String[] r = range(v);
                    thinkMin = duration(r[0]);
                    thinkMax = duration(r[1]);
                }
                case "--json" -> json = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        if (setup == null) setup = urls.isEmpty() ? Setup.EMBEDDED : Setup.URLS;
        return new LoadOptions(setup, urls, devices, duration, seed, historyMessages, historyConversations, burstMin, burstMax,
                restoreOneIn, thinkMin, thinkMax, json);
    }

    /** {@code 250ms}, {@code 3s}, {@code 2m}, {@code 0.5s}; a bare number is seconds. */
    static Duration duration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        double unit = 1_000;
        if (t.endsWith("s")) t = t.substring(0, t.length() - 1);
        else if (t.endsWith("m")) { t = t.substring(0, t.length() - 1); unit = 60_000; }
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * unit));
    }

    private static String[] range(String s) {
        String[] r = s.split("\\.\\.", -1);
        if (r.length != 2) throw new IllegalArgumentException("expected MIN..MAX, not " + s);
        return r;
    }

    /** The one-line summary printed before the run and stored with the results. */
    public String summary(List<URI> servers) {
        return String.format(Locale.ROOT,
                "load: setup=%s devices=%d duration=%ds servers=%s seed=%d history=%d msgs/%d convs burst=%d..%d restore=%s think=%d..%dms",
                setup.label, devices, duration.toSeconds(), servers, seed, historyMessages, historyConversations, burstMin, burstMax,
                restoreOneIn == 0 ? "never" : "1/" + restoreOneIn, thinkMin.toMillis(), thinkMax.toMillis());
    }
}
