package org.chatvault.cli;

import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.chatvault.client.Vault;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.media.MediaBackupService;
import org.chatvault.protocol.error.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up what changed in the local database since the last backup: the text first, then the "
                + "media files and thumbnails not yet in the vault. Safe to interrupt and rerun: it resumes where it stopped.%n"
                + "Example: chatvault backup")
final class BackupCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--text-only", description = "Back up messages only, no media files.") boolean textOnly;

    @Override public Integer call() {
        try (Vault vault = client.vault()) {
            BackupReport r = run(vault);
            System.out.println(describe(r));
            if (!textOnly) backUpMedia(vault);
        }
        return 0;
    }

    private static void backUpMedia(Vault vault) {
        try {
            System.out.println(describe(runMedia(vault)));
        } catch (ServerRefusedException e) {
            if (!ErrorCode.PLAN_EXCLUDES_MEDIA.code().equals(e.code())) throw e;
            // A text-only plan keeps the text, which is backed up: what the plan allows is done, so this is no failure.
            System.out.println("media: not backed up: " + e.getMessage());
        }
    }

    static MediaBackupService.Report runMedia(Vault vault) {
        ProgressBar[] bar = {null};
        try {
            return vault.backUpMedia(new MediaBackupService.Listener() {
                @Override public void started(int files, long bytes) {
                    if (files > 0) bar[0] = Progress.bytes("media", bytes);
                }

                @Override public void fileDone(long bytes) { bar[0].stepBy(bytes); }
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
    }

    static String describe(MediaBackupService.Report r) {
        String missing = (r.missingLocally() > 0 ? String.format(", %,d not on this device", r.missingLocally()) : "")
                + (r.relabelled() > 0 ? String.format(", %,d sent again moved to a newer month", r.relabelled()) : "");
        return String.format("media: %,d files and %,d thumbnails (%,d bytes read) backed up%s; %,d objects (%,d bytes) uploaded, "
                        + "%,d already on the server; %d media indexes, %d commits, head version %d, %.2f s",
                r.filesBackedUp(), r.thumbnailsBackedUp(), r.bytesRead(), missing, r.objectsUploaded(), r.bytesUploaded(),
                r.objectsAlreadyPresent(), r.mediaIndexesWritten(), r.commits(), r.version(), r.elapsed().toMillis() / 1000.0);
    }

    static BackupReport run(Vault vault) {
        ProgressBar[] bar = {null};
        try {
            return vault.backUp(new BackupListener() {
                @Override public void started(int conversations) { bar[0] = Progress.bar("backup", conversations, "chats"); }

                @Override public void conversationDone(long messages) { bar[0].step(); }
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
    }

    static String describe(BackupReport r) {
        String merged = r.messagesMerged() > 0 || r.bytesPulled() > 0
                ? String.format(" (first merged %,d messages from other devices, %,d bytes fetched)", r.messagesMerged(), r.bytesPulled()) : "";
        return String.format("backup: version %d%s, %d conversations changed, %,d messages encoded into %,d segments, "
                        + "%,d objects (%,d bytes) uploaded, %,d already on the server, %.2f s",
                r.version(), merged, r.conversationsChanged(), r.messagesEncoded(), r.segmentsWritten(), r.objectsUploaded(),
                r.bytesUploaded(), r.objectsAlreadyPresent(), r.elapsed().toMillis() / 1000.0);
    }
}
