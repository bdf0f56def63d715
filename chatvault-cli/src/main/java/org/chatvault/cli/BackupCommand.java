package org.chatvault.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.local.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Back up what changed in the local database since the last backup. Safe to interrupt and rerun.%n"
                + "Example: chatvault backup")
final class BackupCommand implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override public Integer call() {
        try (Session session = new AccountService(new ProfileStore(client.home())).resume();
             LocalStore store = LocalStore.open(client.db())) {
            BackupReport r = run(session, store);
            System.out.println(describe(r));
        }
        return 0;
    }

    static BackupReport run(Session session, LocalStore store) {
        ProgressBar[] bar = {null};
        try {
            return new BackupService(session, store, Clock.systemUTC()).run(new BackupListener() {
                @Override public void started(int conversations) { bar[0] = Progress.bar("backup", conversations, "chats"); }

                @Override public void conversationDone(long messages) { bar[0].step(); }
            });
        } finally {
            if (bar[0] != null) bar[0].close();
        }
    }

    static String describe(BackupReport r) {
        return String.format("backup: version %d, %d conversations changed, %,d messages encoded into %,d segments, "
                        + "%,d objects (%,d bytes) uploaded, %,d already on the server, %.2f s",
                r.version(), r.conversationsChanged(), r.messagesEncoded(), r.segmentsWritten(), r.objectsUploaded(),
                r.bytesUploaded(), r.objectsAlreadyPresent(), r.elapsed().toMillis() / 1000.0);
    }
}
