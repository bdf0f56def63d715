package org.chatvault.cli;

import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import org.chatvault.client.sync.ExpiredHistory;
import org.chatvault.client.verify.VerifyOptions;
import org.chatvault.client.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that every object of the current backup exists, authenticates and decodes: all text, media "
                + "indexes and file recipes, and that every media object is present; then list what this device holds that is "
                + "not backed up yet. Exit code 0: all safe; 1: damage in the vault (or verify failed); 4: the vault is intact "
                + "but this device has changes not backed up yet.%n"
                + "Example: chatvault verify --read-data --sample 5%%")
final class VerifyCommand implements Callable<Integer> {
    /** Exit code: nothing is damaged, but this device has changes the vault does not hold yet. */
    static final int PENDING = 4;
    @Mixin ClientOptions client;
    @Option(names = "--read-data", description = "Also fetch and authenticate media files and thumbnails.") boolean readData;
    @Option(names = "--sample", paramLabel = "PERCENT", defaultValue = "100%",
            description = "With --read-data, read only this share of the media files, picked at random (e.g. 5%%; default: ${DEFAULT-VALUE}).")
    String sample;
    @Option(names = "--seed", description = "With --sample, pick the same files as a run that printed this seed.") Long seed;

    @Override public Integer call() {
        double share = parsePercent(sample);
        try (Vault vault = client.vault()) {
            long pick = seed != null ? seed : new java.security.SecureRandom().nextLong();
            VerifyOptions options = new VerifyOptions(readData, share, pick);
            if (readData && share < 1) System.out.printf("reading a %.1f%% sample of the media files (seed %d)%n", share * 100, pick);
            VerifyReport r = vault.verify(options);
            System.out.println(describe(r));
            r.problems().forEach(p -> System.out.println("  PROBLEM: " + p));
            r.pending().forEach(p -> System.out.println("  PENDING: " + p.describe()));
            if (!r.horizon().isNone()) System.out.println("  EXPIRED: " + ExpiredHistory.describe(r.horizon()));
            r.expired().forEach(x -> System.out.println("  EXPIRED: " + x.describe()));
            if (!r.ok()) return ErrorHandler.FAILED;
            return r.upToDate() ? 0 : PENDING;
        }
    }

    static double parsePercent(String text) {
        String t = text.trim();
        try {
            double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
            if (v > 0 && v <= 1) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException("--sample must be a share above 0 and at most 100%, like 5% or 0.05, not " + text);
    }

    static String describe(VerifyReport r) {
        return String.format("verify: version %d, %d conversations, %,d segments, %,d messages, %,d media files (%,d objects read), "
                        + "%,d bytes read: %s",
                r.version(), r.conversations(), r.segments(), r.messages(), r.mediaFiles(), r.mediaObjectsRead(), r.bytes(),
                !r.ok() ? r.problems().size() + " problem(s)"
                        : r.upToDate() ? "all good" : "the vault is intact; " + r.pending().size() + " conversation(s) with changes not backed up yet");
    }
}
