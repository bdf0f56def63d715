package org.chatvault.cli;

import java.util.concurrent.Callable;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.core.crypto.Bytes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "password", mixinStandardHelpOptions = true,
        description = "Change the login password. Every other session of the account ends; this device stays logged in. The vault's keys "
                + "do not change: the password never opened them.%n"
                + "Example: CHATVAULT_PASSWORD=old CHATVAULT_NEW_PASSWORD=new chatvault password")
final class PasswordCommand implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override public Integer call() {
        ProfileStore profiles = new ProfileStore(client.home());
        AccountService accounts = new AccountService(profiles);
        char[] current = null, next = null;
        try (Session session = accounts.resume()) {
            current = Secrets.read("CHATVAULT_PASSWORD", "current login password", true);
            next = Secrets.read("CHATVAULT_NEW_PASSWORD", "new login password", true);
            accounts.changePassword(session, current, next);
            System.out.println("Password changed; every other session of the account has ended.");
        } finally {
            Bytes.wipe(current);
            Bytes.wipe(next);
        }
        return 0;
    }
}
