package org.chatvault.cli;

import java.util.concurrent.Callable;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.Profile;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.protocol.vault.VaultUsage;
import org.chatvault.client.local.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the account, the local database, what awaits backup, and the server's usage.%n"
                + "Example: chatvault status")
final class StatusCommand implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override public Integer call() {
        ProfileStore profiles = new ProfileStore(client.home());
        if (!java.nio.file.Files.exists(client.db())) {
            System.out.println("local database: none yet at " + client.db());
        } else try (LocalStore store = LocalStore.open(client.db())) {
            System.out.printf("local database: %s, %,d conversations, %,d messages, %d conversation(s) changed since the last backup%n",
                    client.db(), store.conversations().size(), store.messageCount(), store.dirtyConversations().size());
            store.syncState().head().ifPresent(h -> System.out.println("last backup or restore: version " + h.version()));
        }
        Profile p = profiles.load().orElse(null);
        if (p == null) {
            System.out.println("account: none on this device (chatvault init / chatvault login)");
            return 0;
        }
        System.out.println("account: " + p.username() + " at " + p.server() + " (device " + p.deviceSlotId() + ")");
        try (Session session = new AccountService(profiles).resume()) {
            VaultUsage u = session.api().usage();
            System.out.printf("server: head version %d, %,d objects, %,d bytes in %,d packs%n", u.version(), u.objects(), u.bytes(), u.packs());
        }
        return 0;
    }
}
