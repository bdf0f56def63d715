package org.chatvault.cli;

import java.net.URI;
import java.util.List;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Add this device to an existing account, unlocking the vault with the recovery key or the passphrase.%n"
                + "Secrets come from the environment or are asked on the terminal, never from the command line.%n"
                + "Example: CHATVAULT_PASSWORD=… chatvault login --server http://127.0.0.1:8420 --user alice --recovery-key")
final class LoginCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--server", required = true, converter = ServerUrl.class, description = "Server URL, e.g. http://127.0.0.1:8420") URI server;
    @Option(names = "--user", required = true, description = "Account name.") String user;
    @ArgGroup(exclusive = true, multiplicity = "1") How how;
    // Only to catch the old form "--recovery-key CODE" and refuse it without repeating the key.
    @Parameters(hidden = true) List<String> stray = List.of();
    @Spec CommandLine.Model.CommandSpec spec;

    static final class How {
        @Option(names = "--recovery-key", converter = NoValue.class,
                description = "Unlock with the recovery key (from $CHATVAULT_RECOVERY_KEY or asked).") boolean recoveryKey;
        @Option(names = "--passphrase", description = "Unlock with the vault passphrase (from $CHATVAULT_PASSPHRASE or asked).") boolean passphrase;
    }

    /** Refuses "--recovery-key=CODE" without repeating CODE, as picocli's own message would. */
    static final class NoValue implements CommandLine.ITypeConverter<Boolean> {
        @Override public Boolean convert(String value) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) return Boolean.valueOf(value);
            throw new CommandLine.TypeConversionException(NO_SECRETS_HERE);
        }
    }

    private static final String NO_SECRETS_HERE = "secrets are never taken from the command line, where 'ps' and the shell's history see"
            + " them. Set CHATVAULT_RECOVERY_KEY or type the key when asked, and consider a key you typed on a command line exposed.";

    @Override public Integer call() {
        if (!stray.isEmpty())
            throw new CommandLine.ParameterException(spec.commandLine(),
                    (how.recoveryKey ? "--recovery-key takes no value" : "unexpected argument") + ": " + NO_SECRETS_HERE);
        char[] password = Secrets.read("CHATVAULT_PASSWORD", "login password", true);
        char[] secret = null;
        try {
            Unlock unlock;
            if (how.recoveryKey) {
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
