package org.chatvault.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import org.chatvault.client.Vault;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create an account and its vault keys, and make this device its first device.%n"
                + "The recovery key is printed once: write it down, it is the only way back in if every device is lost.%n"
                + "Example: CHATVAULT_PASSWORD=… chatvault init --server http://127.0.0.1:8420 --user alice")
final class InitCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--server", required = true, converter = ServerUrl.class, description = "Server URL, e.g. http://127.0.0.1:8420") URI server;
    @Option(names = "--user", required = true, description = "Account name.") String user;
    @Option(names = "--with-passphrase", description = "Also protect the vault keys with a passphrase (from $CHATVAULT_PASSPHRASE or asked).") boolean withPassphrase;

    @Override public Integer call() {
        if (new ProfileStore(client.home()).load().isPresent())
            throw new CliException(client.home() + " already holds an account; use another --home");
        char[] password = Secrets.read("CHATVAULT_PASSWORD", "login password", true);
        char[] passphrase = withPassphrase ? Secrets.read("CHATVAULT_PASSPHRASE", "vault passphrase", true) : null;
        AccountService.Created created = Vault.createAccount(client.home(), server, user, password, passphrase);
        try (Session ignored = created.session()) {
            System.out.println("Account " + user + " created; this device is enrolled.");
            System.out.println();
            System.out.println("RECOVERY KEY (shown once, store it offline):");
            System.out.println("  " + created.recoveryKey());
            System.out.println();
            System.out.println("Your login password cannot decrypt your chats; only this device, the recovery key"
                    + (passphrase != null ? " or your passphrase" : "") + " can.");
        } finally {
            org.chatvault.core.crypto.Bytes.wipe(password);
            org.chatvault.core.crypto.Bytes.wipe(passphrase);
        }
        return 0;
    }
}
