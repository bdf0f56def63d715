package org.chatvault.cli;

import java.util.concurrent.Callable;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.verify.VerifyReport;
import org.chatvault.client.verify.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check that every object of the current backup exists, authenticates and decodes. Exit code 1 if not.%n"
                + "Example: chatvault verify")
final class VerifyCommand implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override public Integer call() {
        try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
            VerifyReport r = new VerifyService(session).run();
            System.out.println(describe(r));
            r.problems().forEach(p -> System.out.println("  PROBLEM: " + p));
            return r.ok() ? 0 : ErrorHandler.FAILED;
        }
    }

    static String describe(VerifyReport r) {
        return String.format("verify: version %d, %d conversations, %,d segments, %,d messages, %,d bytes read: %s",
                r.version(), r.conversations(), r.segments(), r.messages(), r.bytes(),
                r.ok() ? "all good" : r.problems().size() + " problem(s)");
    }
}
