package org.chatvault.cli;

import java.util.concurrent.Callable;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.protocol.audit.AuditEntry;
import org.chatvault.protocol.audit.AuditPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Show what happened to the account, newest first: logins (failed ones too), devices added, approved and revoked, "
                + "key slot changes, password changes, ended sessions.%nExample: chatvault audit --limit 20")
final class AuditCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--limit", defaultValue = "50", description = "How many events to show (default: ${DEFAULT-VALUE}).") int limit;

    @Override public Integer call() {
        if (limit < 1) throw new CliException("--limit must be at least 1, not " + limit);
        try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
            Long before = null;
            int shown = 0;
            do {
                AuditPage page = session.api().audit(before, Math.min(200, limit - shown));
                for (AuditEntry e : page.events()) {
                    System.out.printf("%s  %-22s%s%s%n", DeviceCommand.when(e.at()), e.event(),
                            e.deviceId() == null ? "" : "  device " + e.deviceId(), e.detail() == null ? "" : "  " + e.detail());
                    shown++;
                }
                before = page.nextBefore();
            } while (before != null && shown < limit);
            if (shown == 0) System.out.println("no events");
        }
        return 0;
    }
}
