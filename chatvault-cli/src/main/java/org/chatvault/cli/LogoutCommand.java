package org.chatvault.cli;

import java.util.concurrent.Callable;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logout", mixinStandardHelpOptions = true,
        description = "End this device's session, or with --all-other-sessions every session of the account but this one "
                + "(after a lost phone or a leaked password).%nExample: chatvault logout --all-other-sessions")
final class LogoutCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--all-other-sessions", description = "End every other session of the account instead; this one stays.") boolean others;

    @Override public Integer call() {
        try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
            if (others) {
                session.api().revokeOtherSessions();
                System.out.println("Every other session of the account has ended; this device stays logged in.");
            } else {
                session.api().logout();
                System.out.println("Logged out: this device's session has ended ('chatvault login' to come back).");
            }
        }
        return 0;
    }
}
