package org.chatvault.cli;

import java.io.Console;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.Profile;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.protocol.account.AccountSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chatvault account delete|settings}: the end of the account, chosen or now. */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "The account's lifecycle: delete it now, or choose after how long unused the server deletes it.",
        subcommands = {AccountCommand.Delete.class, AccountCommand.Settings.class})
final class AccountCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: chatvault account delete|settings");
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete the account and everything it stored on the server. Every session of every device ends at once and "
                    + "logins are refused; the server removes the data in its next lifecycle run. It cannot be undone. Asks you to type "
                    + "the username to confirm; --yes confirms without asking (required when not on a terminal). This device's local "
                    + "chat database is left as it is.%nExample: chatvault account delete")
    static final class Delete implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Mixin ClientOptions client;
        @Option(names = "--yes", description = "Confirm without being asked (scripts).") boolean yes;

        @Override public Integer call() {
            ProfileStore profiles = new ProfileStore(client.home());
            Profile profile = profiles.require();
            if (!yes) confirm(profile.username());
            try (Session session = new AccountService(profiles).resume()) {
                session.api().deleteAccount();
            }
            profiles.delete(); // its tokens no longer open anything
            System.out.println("Account " + profile.username() + " deleted: every session has ended, and the server removes everything it "
                    + "stored in its next lifecycle run. This device's local chat database is untouched.");
            return 0;
        }

        private void confirm(String username) {
            Console console = Progress.onTerminal() ? System.console() : null;
            if (console == null)
                throw new CommandLine.ParameterException(spec.commandLine(), "not on a terminal to confirm the deletion: add --yes");
            String typed = console.readLine("This deletes account %s and all its data on the server, for good. Type the username to confirm: ",
                    username);
            if (typed == null || !typed.strip().equals(username)) throw new CliException("not deleted: the username typed was not " + username);
        }
    }

    @Command(name = "settings", mixinStandardHelpOptions = true,
            description = "Show, or with --inactivity-months change, after how many months without use the server deletes the account "
                    + "and all its data (1, 3, 6 or 12; 12 unless chosen), and the date that would be.%n"
                    + "Example: chatvault account settings --inactivity-months 6")
    static final class Settings implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Option(names = "--inactivity-months", paramLabel = "N", description = "Delete the account after N months unused: 1, 3, 6 or 12.")
        Integer months;

        @Override public Integer call() {
            try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
                AccountSettings s = months == null ? session.api().accountSettings() : session.api().updateAccountSettings(months);
                System.out.println((months == null ? "" : "Changed. ") + "The account is deleted after " + s.inactivityMonths()
                        + (s.inactivityMonths() == 1 ? " month" : " months") + " unused (choices: "
                        + s.choices().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ").");
                System.out.println("Last activity " + DeviceCommand.when(s.lastActiveAt()) + ": deleted on " + DeviceCommand.when(s.deleteIfUnusedAt())
                        + " unless it is used before then.");
            }
            return 0;
        }
    }
}
