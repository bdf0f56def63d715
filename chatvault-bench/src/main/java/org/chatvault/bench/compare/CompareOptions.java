package org.chatvault.bench.compare;

import java.nio.file.Path;

/**
 * What {@code chatvault-bench compare} runs: the history's size, how many runs, and where the
 * three tools are.
 *
 * @param keep where to keep every run's directories (servers, profiles, repositories); null deletes them
 */
public record CompareOptions(int conversations, long messages, int runs, long seed, Path cli, Path restic, Path borg, Path keep) {
    public static final String USAGE = "chatvault-bench compare [--preset small|medium|large] [--conversations N --messages N] [--runs N]"
            + " [--seed N] [--cli PATH] [--restic PATH] [--borg PATH] [--keep DIR]";

    public CompareOptions {
        if (conversations < 1 || messages < conversations) throw new IllegalArgumentException("need at least one message per conversation");
        if (runs < 1) throw new IllegalArgumentException("--runs must be at least 1");
    }

    /**
     * The options of a command line; the defaults are the issue's: the large preset (1,000
     * conversations, 2,000,000 messages), 3 runs, seed 2026, the CLI built in this checkout and the
     * Debian packages' restic and borg.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static CompareOptions parse(String... args) {
        int conversations = 1_000;
        long messages = 2_000_000;
        int runs = 3;
        long seed = 2026;
        Path cli = Path.of("chatvault");
        Path restic = Path.of("/usr/bin/restic");
        Path borg = Path.of("/usr/bin/borg");
        Path keep = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--preset" -> {
                    switch (value(args, i++)) {
                        case "small" -> { conversations = 100; messages = 100_000; }
                        case "medium" -> { conversations = 500; messages = 500_000; }
                        case "large" -> { conversations = 1_000; messages = 2_000_000; }
                        default -> throw new IllegalArgumentException("--preset: small, medium or large");
                    }
                }
                case "--conversations" -> conversations = (int) number(option, value(args, i++));
                case "--messages" -> messages = number(option, value(args, i++));
                case "--runs" -> runs = (int) number(option, value(args, i++));
                case "--seed" -> seed = number(option, value(args, i++));
                case "--cli" -> cli = Path.of(value(args, i++));
                case "--restic" -> restic = Path.of(value(args, i++));
                case "--borg" -> borg = Path.of(value(args, i++));
                case "--keep" -> keep = Path.of(value(args, i++));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new CompareOptions(conversations, messages, runs, seed, cli, restic, borg, keep);
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
        return args[i + 1];
    }

    private static long number(String option, String value) {
        try {
            long n = Long.parseLong(value.replace("_", "").replace(",", ""));
            boolean small = option.equals("--conversations") || option.equals("--runs");
            if (n < 0 || small && n > Integer.MAX_VALUE) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + value + "' is not a whole number");
        }
    }
}
