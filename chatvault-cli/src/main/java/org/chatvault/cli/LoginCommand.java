package org.chatvault.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Add this device to an existing account, unlocking the vault with the recovery key or the passphrase.%n"
                + "Example: CHATVAULT_PASSWORD=… chatvault login --server http://127.0.0.1:8420 --user alice --recovery-key 1a2b-…")
final class LoginCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--server", required = true, converter = ServerUrl.class, description = "Server URL, e.g. http://127.0.0.1:8420") URI server;
    @Option(names = "--user", required = true, description = "Account name.") String user;
    @ArgGroup(exclusive = true, multiplicity = "1") How how;

    static final class How {
        @Option(names = "--recovery-key", description = "The 64-character recovery key.") String recoveryKey;
        @Option(names = "--passphrase", description = "Unlock with the vault passphrase (from $CHATVAULT_PASSPHRASE or asked).") boolean passphrase;
    }

    @Override public Integer call() {
        char[] password = Secrets.read("CHATVAULT_PASSWORD", "login password", true);
        Unlock unlock = how.recoveryKey != null ? new Unlock.WithRecoveryKey(how.recoveryKey)
                : new Unlock.WithPassphrase(Secrets.read("CHATVAULT_PASSPHRASE", "vault passphrase", true));
        try (Session ignored = Vault.login(client.home(), server, user, password, unlock)) {
            System.out.println("Logged in as " + user + "; this device can now back up and restore.");
        } finally {
            org.chatvault.core.crypto.Bytes.wipe(password);
        }
        return 0;
    }
}
