package org.chatvault.cli;

import java.nio.file.Files;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import org.chatvault.client.account.Profile;
import org.chatvault.client.usage.UsageNotices;
import org.chatvault.protocol.vault.VaultUsage;
import org.chatvault.client.media.MediaBackupService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the account, the local database, what awaits backup, the server's usage, the plan and what will expire when.%n"
                + "Example: chatvault status")
final class StatusCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    /** Tells an announced removal from a due one; tests set it. */
    static Clock clock = Clock.systemUTC();

    @Override public Integer call() {
        try (Vault vault = client.vault()) {
            if (!Files.exists(client.db())) {
                System.out.println("local database: none yet at " + client.db());
            } else {
                Vault.Status st = vault.status();
                System.out.printf("local database: %s, %,d conversations, %,d messages, %d conversation(s) changed since the last backup%n",
                        client.db(), st.conversations(), st.messages(), st.conversationsChanged());
                MediaBackupService.Pending m = st.media();
                System.out.printf("media waiting for backup: %,d files and %,d thumbnails (%,d bytes)%s%n", m.files(), m.thumbnails(), m.bytes(),
                        m.missingLocally() > 0 ? String.format("; %,d more used by messages are not on this device", m.missingLocally()) : "");
                st.version().ifPresent(v -> System.out.println("last backup or restore: version " + v));
            }
            Profile p = vault.account().orElse(null);
            if (p == null) {
                System.out.println("account: none on this device (chatvault init / chatvault login)");
                return 0;
            }
            System.out.println("account: " + p.username() + " at " + p.server() + " (device " + p.deviceSlotId() + ")");
            VaultUsage u = vault.serverUsage();
            System.out.printf("server: head version %d, %,d objects, %,d bytes in %,d packs%n", u.version(), u.objects(), u.bytes(), u.packs());
            // What will expire, counted in this device's own messages where it holds them.
            Map<Integer, Long> messagesByMonth = Files.exists(client.db()) ? vault.store().vaultMessageCountsByMonth() : Map.of();
            for (String line : UsageNotices.describe(u, messagesByMonth, clock.instant())) System.out.println(line);
        }
        return 0;
    }
}
