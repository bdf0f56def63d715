package org.chatvault.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.core.crypto.Bytes;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Add this device to an existing account, unlocking the vault with the recovery key or the passphrase.%n"
                + "Secrets come from the environment or are asked on the terminal, never from the command line.%n"
                + "Example: CHATVAULT_PASSWORD=… chatvault login --server http://127.0.0.1:8420 --user alice --recovery-key")
final class LoginCommand implements Callable<Integer> {
    /** What picocli puts in {@code --recovery-key} when it is given without a value, as it should be. */
    private static final String ASK = "\u0000ask";

    @Mixin ClientOptions client;
    @Option(names = "--server", required = true, converter = ServerUrl.class, description = "Server URL, e.g. http://127.0.0.1:8420") URI server;
    @Option(names = "--user", required = true, description = "Account name.") String user;
    @ArgGroup(exclusive = true, multiplicity = "1") How how;
    @Spec CommandLine.Model.CommandSpec spec;

    static final class How {
        // arity 0..1 only to catch the old form "--recovery-key CODE" and refuse it without echoing the key
        @Option(names = "--recovery-key", arity = "0..1", fallbackValue = ASK, paramLabel = "",
                description = "Unlock with the recovery key (from $CHATVAULT_RECOVERY_KEY or asked).") String recoveryKey;
        @Option(names = "--passphrase", description = "Unlock with the vault passphrase (from $CHATVAULT_PASSPHRASE or asked).") boolean passphrase;
    }

    @Override public Integer call() {
        if (how.recoveryKey != null && !how.recoveryKey.equals(ASK))
            throw new CommandLine.ParameterException(spec.commandLine(), "--recovery-key takes no value: the command line is seen by 'ps' and kept in"
                    + " shell history. Set CHATVAULT_RECOVERY_KEY or type the key when asked, and consider the one you typed exposed.");
        char[] password = Secrets.read("CHATVAULT_PASSWORD", "login password", true);
        char[] secret = null;
        try {
            Unlock unlock;
            if (how.recoveryKey != null) {
                secret = Secrets.read("CHATVAULT_RECOVERY_KEY", "recovery key", true);
                unlock = new Unlock.WithRecoveryKey(new String(secret));
            } else {
                secret = Secrets.read("CHATVAULT_PASSPHRASE", "vault passphrase", true);
                unlock = new Unlock.WithPassphrase(secret);
            }
            try (Session ignored = Vault.login(client.home(), server, user, password, unlock)) {
                System.out.println("Logged in as " + user + "; this device can now back up and restore.");
            }
        } finally {
            Bytes.wipe(password);
            Bytes.wipe(secret);
        }
        return 0;
    }
}
