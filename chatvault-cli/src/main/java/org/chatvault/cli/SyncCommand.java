package org.chatvault.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.http.TransportException;
import org.chatvault.client.sync.StaleVaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Take in what your other devices backed up (merged into this device's chats), then send this device's "
                + "new and edited messages. Media files go up with 'chatvault backup'. With --watch, keep doing it: every "
                + "--interval, waiting out a server that is down, until stopped with Ctrl-C.%n"
                + "Example: chatvault sync --watch --interval 30s")
final class SyncCommand implements Callable<Integer> {
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    @Mixin ClientOptions client;
    @Option(names = "--watch", description = "Keep syncing until stopped.") boolean watch;
    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "With --watch, how long to wait between syncs, like 10s or 2m (default: ${DEFAULT-VALUE}).")
    String interval;

    @Override public Integer call() {
        Duration every = parseDuration(interval);
        try (Vault vault = client.vault()) {
            if (!watch) {
                System.out.println(describe(vault.syncNow()));
                return 0;
            }
            int failures = 0;
            long lastVersion = -1;
            while (!Thread.currentThread().isInterrupted()) {
                Duration wait = every;
                try {
                    BackupReport r = vault.syncNow();
                    if (r.version() != lastVersion || r.conversationsChanged() > 0 || r.messagesMerged() > 0) System.out.println(describe(r));
                    lastVersion = r.version();
                    failures = 0;
                } catch (StaleVaultException e) {
                    throw e; // not something waiting fixes
                } catch (TransportException | ServerRefusedException e) {
                    if (e instanceof ServerRefusedException a && a.status() < 500 && a.status() != 429) throw e;
                    failures++;
                    long factor = 1L << Math.min(10, failures);
                    wait = every.multipliedBy(factor).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : every.multipliedBy(factor);
                    System.err.printf("chatvault: sync failed (%s); trying again in %d s%n", e.getMessage(), wait.toSeconds());
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }
            System.out.println("sync: stopped");
            return 0;
        }
    }

    static String describe(BackupReport r) {
        return String.format("sync: version %d; %,d messages merged from other devices (%,d bytes fetched); %d conversations sent "
                        + "(%,d messages encoded, %,d bytes uploaded), %.2f s",
                r.version(), r.messagesMerged(), r.bytesPulled(), r.conversationsChanged(), r.messagesEncoded(), r.bytesUploaded(),
                r.elapsed().toMillis() / 1000.0);
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.endsWith("ms")) return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))), text);
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> positive(Duration.ofSeconds(n), text);
                case 'm' -> positive(Duration.ofMinutes(n), text);
                case 'h' -> positive(Duration.ofHours(n), text);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new CliException("--interval must be a number with a unit, like 500ms, 10s, 2m or 1h, not " + text);
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) throw new CliException("--interval must be above zero, not " + text);
        return d;
    }
}
