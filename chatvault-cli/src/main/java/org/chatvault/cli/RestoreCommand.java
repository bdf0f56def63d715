package org.chatvault.cli;

import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.chatvault.client.Vault;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.restore.Unrestored;
import org.chatvault.client.sync.ExpiredHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore the vault into the local database: recent chats first, then all history, then "
                + "thumbnails, then media files. Resumes if interrupted.%n"
                + "Example: chatvault login … && chatvault restore --since 2026-01")
final class RestoreCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--text-only", description = "Restore messages only; fetch media later with 'chatvault media get' or another restore.")
    boolean textOnly;
    @Option(names = "--since", paramLabel = "YYYY-MM", converter = RestoreCommand.Month.class,
            description = "Restore media used from this month on only (text is always complete).")
    YearMonth since;
    @Option(names = "--no-files", description = "Restore thumbnails but not full media files.") boolean noFiles;

    @Override public Integer call() {
        try (Vault vault = client.vault()) {
            RestoreReport r = run(vault);
            System.out.println(describe(r));
            // Not damage: the plan no longer keeps those months, as announced (chatvault status).
            if (!r.horizon().isNone()) System.out.println("  EXPIRED: " + ExpiredHistory.describe(r.horizon()));
            r.expired().forEach(x -> System.out.println("  EXPIRED: " + x.describe()));
            List<String> lostMedia = List.of();
            if (!textOnly && r.version() > 0) {
                int sinceMonth = since == null ? 0 : since.getYear() * 100 + since.getMonthValue();
                MediaRestoreService.Report m = runMedia(vault, new MediaRestoreService.Options(!noFiles, sinceMonth));
                System.out.println(describe(m));
                lostMedia = m.unrestored();
            }
            if (!lostMedia.isEmpty()) {
                System.err.printf("chatvault: %d media file(s) could not be restored (missing or damaged on the server):%n", lostMedia.size());
                for (String l : lostMedia) System.err.println("  " + l);
            }
            if (!r.complete()) {
                System.err.printf("chatvault: restore finished, but %d part%s of the vault could not be restored (missing or damaged "
                        + "on the server); everything else is here:%n", r.unrestored().size(), r.unrestored().size() == 1 ? "" : "s");
                for (Unrestored u : r.unrestored()) System.err.println("  " + u.describe());
            }
            if (!r.complete() || !lostMedia.isEmpty()) {
                System.err.println("Everything else is restored. Run 'chatvault restore' again later to retry them; 'chatvault verify' checks the whole vault.");
                return ErrorHandler.FAILED;
            }
        }
        return 0;
    }

    /** Reads a YYYY-MM month, or says what is wrong with it in words. */
    static final class Month implements picocli.CommandLine.ITypeConverter<YearMonth> {
        @Override public YearMonth convert(String value) {
            try {
                return YearMonth.parse(value.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a month: write YYYY-MM with a month from 01 to 12, e.g. 2026-01");
            }
        }
    }

    static MediaRestoreService.Report runMedia(Vault vault, MediaRestoreService.Options options) {
        ProgressBar[] bar = {null};
        try {
            return vault.restoreMedia(options, new MediaRestoreService.Listener() {
                @Override public void stage(String name, int items, long bytes) {
                    if (bar[0] != null) bar[0].close();
                    bar[0] = Progress.bytes(name, bytes);
                }

                @Override public void itemDone(long bytes) { bar[0].stepBy(bytes); }
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
    }

    static String describe(MediaRestoreService.Report r) {
        return String.format("media: %,d thumbnails and %,d files restored (%,d bytes written, %,d fetched), %,d already here, %.2f s",
                r.thumbnails(), r.files(), r.bytesWritten(), r.bytesFetched(), r.alreadyPresent(), r.elapsed().toMillis() / 1000.0);
    }

    static RestoreReport run(Vault vault) {
        ProgressBar[] bar = {null};
        try {
            return vault.restore(new RestoreListener() {
                @Override public void started(long total) { bar[0] = Progress.bar("restore", total, "msg"); }

                @Override public void firstScreenReady(Duration since, long bytes, int conversations, long messages) {
                    System.err.printf("%nfirst screen ready after %d ms: %d conversations, %,d messages, %,d bytes fetched%n",
                            since.toMillis(), conversations, messages, bytes);
                }

                @Override public void messagesRestored(long messages) { bar[0].stepBy(messages); }

                @Override public void indexing(long pending) {
                    bar[0].close();
                    bar[0] = Progress.bar("search index", pending, "msg");
                }

                @Override public void indexed(long messages) { bar[0].stepBy(messages); }
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
    }

    static String describe(RestoreReport r) {
        if (r.version() == 0) return "restore: the vault is empty";
        return String.format("restore: version %d, %d conversations, %,d messages; first screen after %d ms (%,d bytes), "
                        + "all text after %d ms (%,d bytes fetched), all searchable after %d ms",
                r.version(), r.conversations(), r.messages(), r.firstScreen().toMillis(), r.bytesBeforeFirstScreen(),
                r.allText().toMillis(), r.bytesFetched(), r.searchable().toMillis());
    }
}
