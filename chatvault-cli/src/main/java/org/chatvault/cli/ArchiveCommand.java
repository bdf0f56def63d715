package org.chatvault.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.chatvault.client.Vault;
import org.chatvault.client.archive.ArchiveDownload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "archive", mixinStandardHelpOptions = true,
        description = "Download the whole vault (every object of its latest version, still encrypted) into one archive file that "
                + "'chatvault restore --from-archive FILE' restores with the recovery key and no server. Allowed while the "
                + "vault is read-only after a subscription lapsed. The file is never written over an existing one.%n"
                + "Example: chatvault archive alice-2026-11.cvarchive")
final class ArchiveCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "FILE", description = "The archive file to create (it must not exist).") Path file;

    @Override public Integer call() {
        ProgressBar[] bar = {null};
        ArchiveDownload.Report r;
        try (Vault vault = client.vault()) {
            r = vault.archive(file, new ArchiveDownload.Listener() {
                @Override public void started(long bytes) { bar[0] = Progress.bytes("archive", Math.max(0, bytes)); }

                @Override public void received(long bytes) { bar[0].stepBy(bytes); }
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
        System.out.printf("archive: %s, version %d, %,d objects, %,d bytes; it holds only ciphertext and opens with the recovery key "
                + "(or the passphrase): keep it as safe as the key%n", r.file(), r.headVersion(), r.objects(), r.bytes());
        if (r.unreadableOnServer() > 0) {
            System.err.printf("chatvault: the server could not read %,d object(s) of the vault (missing or damaged there); the archive "
                    + "holds everything else, and a restore from it names what is missing%n", r.unreadableOnServer());
            return ErrorHandler.FAILED;
        }
        return 0;
    }
}
