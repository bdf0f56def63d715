package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import me.tongfei.progressbar.ProgressBar;
import org.chatvault.client.Vault;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.archive.ArchiveHeader;
import org.chatvault.client.archive.ArchiveReader;
import org.chatvault.client.archive.ArchiveVault;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.restore.Unrestored;
import org.chatvault.core.crypto.Bytes;
import org.chatvault.client.sync.ExpiredHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Restore the vault into the local database: recent chats first, then all history, then "
                + "thumbnails, then media files. Resumes if interrupted.%n"
                + "With --from-archive, restore from an archive file made by 'chatvault archive' instead, with no server and no "
                + "login: the recovery key (from $CHATVAULT_RECOVERY_KEY or asked) opens it.%n"
                + "With --conversation, only the chats named (their text, then their media); a later plain restore completes the rest.%n"
                + "Example: chatvault login … && chatvault restore --since 2026-01%n"
                + "Example: chatvault restore --conversation Family,\"Bo Chen\" --text-only%n"
                + "Example: chatvault --home new-phone restore --from-archive alice.cvarchive")
final class RestoreCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--text-only", description = "Restore messages only; fetch media later with 'chatvault media get' or another restore.")
    boolean textOnly;
    @Option(names = "--since", paramLabel = "YYYY-MM", converter = RestoreCommand.Month.class,
            description = "Restore media used from this month on only (text is always complete).")
    YearMonth since;
    @Option(names = "--conversation", paramLabel = "NAME", split = ",",
            description = "Restore only these conversations (text, then their media), by id or title; a later plain restore completes the rest.")
    List<String> conversations = List.of();
    @Option(names = "--no-files", description = "Restore thumbnails but not full media files.") boolean noFiles;
    @Option(names = "--from-archive", paramLabel = "FILE",
            description = "Restore from this archive file (made by 'chatvault archive'), with no server at all.") Path fromArchive;
    @Option(names = "--passphrase", description = "With --from-archive: unlock with the vault passphrase (from $CHATVAULT_PASSPHRASE or "
            + "asked) instead of the recovery key.") boolean passphrase;

    @Override public Integer call() {
        if (passphrase && fromArchive == null)
            throw new CliException("--passphrase goes with --from-archive; a restore from the server uses this device's login");
        try (Vault vault = client.vault()) {
            if (fromArchive == null)
                return restore(l -> vault.restore(conversations, l), vault::restoreMedia, "on the server", "Run 'chatvault restore' again later to retry them");
            try (ArchiveVault archive = openArchive()) {
                System.out.println(describe(archive.header()));
                return restore(l -> vault.restore(archive, conversations, l), (o, l) -> vault.restoreMedia(archive, o, l), "in the archive",
                        "Restore from the server or another archive to get them");
            }
        }
    }

    /** Checks the file first, so a damaged one is named before anyone types a key for it. */
    private ArchiveVault openArchive() {
        ArchiveReader file = ArchiveReader.open(fromArchive);
        char[] secret = null;
        try {
            secret = passphrase ? Secrets.read("CHATVAULT_PASSPHRASE", "vault passphrase", true)
                    : Secrets.read("CHATVAULT_RECOVERY_KEY", "recovery key", true);
            return ArchiveVault.open(file, passphrase ? new Unlock.WithPassphrase(secret) : new Unlock.WithRecoveryKey(new String(secret)));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        } finally {
            Bytes.wipe(secret);
        }
    }

    static String describe(ArchiveHeader h) {
        return String.format("archive of %s's vault at %s, version %d, made %s", h.username(), h.server(), h.headVersion(),
                Instant.ofEpochMilli(h.createdAt()));
    }

    /** Restores the text with {@code text}, then the media with {@code media}, and says what could not be restored and why. */
    private int restore(Function<RestoreListener, RestoreReport> text,
                        BiFunction<MediaRestoreService.Options, MediaRestoreService.Listener, MediaRestoreService.Report> media,
                        String where, String retry) {
        RestoreReport r = run(text);
        System.out.println(describe(r));
        // Not damage: the plan no longer keeps those months, as announced (chatvault status).
        if (!r.horizon().isNone()) System.out.println("  EXPIRED: " + ExpiredHistory.describe(r.horizon()));
        r.expired().forEach(x -> System.out.println("  EXPIRED: " + x.describe()));
        List<String> lostMedia = List.of();
        if (!textOnly && r.version() > 0) {
            int sinceMonth = since == null ? 0 : since.getYear() * 100 + since.getMonthValue();
            MediaRestoreService.Report m = runMedia(media, new MediaRestoreService.Options(!noFiles, sinceMonth, chosenIds(r)));
            System.out.println(describe(m));
            lostMedia = m.unrestored();
        }
        if (!lostMedia.isEmpty()) {
            System.err.printf("chatvault: %d media file(s) could not be restored (missing or damaged %s):%n", lostMedia.size(), where);
            for (String l : lostMedia) System.err.println("  " + l);
        }
        if (!r.complete()) {
            System.err.printf("chatvault: restore finished, but %d part%s of the vault could not be restored (missing or damaged "
                    + "%s); everything else is here:%n", r.unrestored().size(), r.unrestored().size() == 1 ? "" : "s", where);
            for (Unrestored u : r.unrestored()) System.err.println("  " + u.describe());
        }
        if (!r.complete() || !lostMedia.isEmpty()) {
            System.err.println("Everything else is restored. " + retry + "; 'chatvault verify' checks the whole vault.");
            return ErrorHandler.FAILED;
        }
        return 0;
    }

    /** The conversations this restore chose, for their media only; empty when it restored all. */
    private java.util.Set<String> chosenIds(RestoreReport r) {
        return conversations.isEmpty() ? java.util.Set.of() : java.util.Set.copyOf(r.conversationIds());
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
        return runMedia(vault::restoreMedia, options);
    }

    static MediaRestoreService.Report runMedia(
            BiFunction<MediaRestoreService.Options, MediaRestoreService.Listener, MediaRestoreService.Report> media,
            MediaRestoreService.Options options) {
        ProgressBar[] bar = {null};
        try {
            return media.apply(options, new MediaRestoreService.Listener() {
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
        return run(vault::restore);
    }

    static RestoreReport run(Function<RestoreListener, RestoreReport> text) {
        ProgressBar[] bar = {null};
        try {
            return text.apply(new RestoreListener() {
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
