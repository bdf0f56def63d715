package org.chatvault.cli;

import java.io.Console;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.DeviceApprovals;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.core.crypto.ApprovalCode;
import org.chatvault.core.crypto.Bytes;
import org.chatvault.protocol.device.DeviceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chatvault device …}: list, rename and revoke devices, and add one by approval from another. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Manage this account's devices, and add a device by approval from one that holds the vault.%n"
                + "Example: chatvault device list",
        subcommands = {DeviceCommand.Request.class, DeviceCommand.Approve.class, DeviceCommand.List.class, DeviceCommand.Revoke.class,
                DeviceCommand.Rename.class})
final class DeviceCommand implements Runnable {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }

    static String when(long epochMillis) { return WHEN.format(Instant.ofEpochMilli(epochMillis)) + " UTC"; }

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Log in on this device with the password alone and ask an existing device to approve it: prints a code to "
                    + "compare, waits for the approval, then opens the vault with the key sealed to this device.%n"
                    + "Example: CHATVAULT_PASSWORD=… chatvault device request --server http://127.0.0.1:8420 --user alice")
    static final class Request implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Option(names = "--server", required = true, converter = ServerUrl.class, description = "Server URL, e.g. http://127.0.0.1:8420") URI server;
        @Option(names = "--user", required = true, description = "Account name.") String user;
        @Option(names = "--timeout", defaultValue = "15", description = "Minutes to wait for the approval (default: ${DEFAULT-VALUE}; "
                + "the server lets a request lapse after 15).") int timeoutMinutes;

        @Override public Integer call() {
            if (timeoutMinutes < 1) throw new CliException("--timeout must be at least 1 minute, not " + timeoutMinutes);
            ProfileStore profiles = new ProfileStore(client.home());
            profiles.load().filter(p -> !p.server().equals(server.toString()) || !p.username().equalsIgnoreCase(user)).ifPresent(p -> {
                throw new CliException(client.home() + " already holds the account " + p.username() + " at " + p.server() + "; use another --home");
            });
            char[] password = Secrets.read("CHATVAULT_PASSWORD", "login password", true);
            DeviceApprovals approvals = new DeviceApprovals(profiles);
            DeviceApprovals.Request r;
            try {
                r = approvals.request(server, user, password);
            } finally {
                Bytes.wipe(password);
            }
            System.out.println("This device (" + r.deviceId() + ") asks to join " + user + "'s vault.");
            System.out.println();
            System.out.println("  Verification code: " + r.code());
            System.out.println();
            System.out.println("On a device that holds the vault run:  chatvault device approve " + r.deviceId());
            System.out.println("and approve only if it shows the same code. Waiting up to " + timeoutMinutes + " minutes…");
            System.out.flush();
            try (Session ignored = approvals.awaitApproval(Duration.ofMinutes(timeoutMinutes), Duration.ofSeconds(1))) {
                System.out.println("Approved: this device now holds the vault's key; run 'chatvault restore' to bring the chats here.");
            }
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a device that waits ('chatvault device request' on it): shows the code computed here; approve only if "
                    + "the new device shows the same. With --code the code is compared for you and a mismatch aborts (exit 1), "
                    + "sealing nothing.%nExample: chatvault device approve 6f1c…-… --code K7QM-3XPA")
    static final class Approve implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "DEVICE-ID", description = "The waiting device's id.") String deviceId;
        @Option(names = "--code", paramLabel = "CODE", description = "The code the new device shows; asked on the terminal if not given.")
        String code;

        @Override public Integer call() {
            ProfileStore profiles = new ProfileStore(client.home());
            DeviceApprovals approvals = new DeviceApprovals(profiles);
            try (Session session = new AccountService(profiles).resume()) {
                DeviceApprovals.Waiting w = approvals.waiting(session, deviceId);
                System.out.println("Device '" + w.name() + "' (" + w.deviceId() + ") asks to join this vault.");
                System.out.println("  Verification code here: " + w.code());
                String typed = code != null ? code : ask();
                if (!ApprovalCode.matches(w.code(), typed))
                    throw new CliException("the codes differ: nothing was approved. Someone may be trying to get the vault's key; "
                            + "on the new device, ask again with 'chatvault device request'");
                approvals.approve(session, w);
                System.out.println("Approved: device " + w.deviceId() + " now holds the vault's key.");
            }
            return 0;
        }

        private static String ask() {
            Console console = System.console();
            if (console == null) throw new CliException("no terminal to ask for the code: pass the code the new device shows with --code");
            String typed = console.readLine("Type the code the new device shows (approves only if it matches): ");
            return typed == null ? "" : typed;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the account's devices.%nExample: chatvault device list")
    static final class List implements Callable<Integer> {
        @Mixin ClientOptions client;

        @Override public Integer call() {
            try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
                for (DeviceInfo d : session.api().devices().devices()) {
                    System.out.printf("%s  %-24s %-8s added %s, last seen %s%s%s%n", d.deviceId(), d.name(), d.kind(), when(d.addedAt()),
                            when(d.lastSeenAt()), d.current() ? "  (this device)" : "", d.pendingApproval() ? "  (waiting for approval)" : "");
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a device: its sessions end at once, its key to the vault is removed, and it cannot log in as itself again.%n"
                    + "Example: chatvault device revoke 6f1c…-…")
    static final class Revoke implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "DEVICE-ID", description = "The device's id ('chatvault device list').") String deviceId;

        @Override public Integer call() {
            try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
                session.api().revokeDevice(deviceId);
                System.out.println("Device " + deviceId + " revoked: its sessions ended and its key to the vault is removed.");
            }
            return 0;
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a device.%nExample: chatvault device rename 6f1c…-… \"work laptop\"")
    static final class Rename implements Callable<Integer> {
        @Mixin ClientOptions client;
        @Parameters(index = "0", paramLabel = "DEVICE-ID", description = "The device's id ('chatvault device list').") String deviceId;
        @Parameters(index = "1", paramLabel = "NAME", description = "Its new name (1-64 characters).") String name;

        @Override public Integer call() {
            try (Session session = new AccountService(new ProfileStore(client.home())).resume()) {
                session.api().renameDevice(deviceId, name);
                System.out.println("Device " + deviceId + " is now called '" + name.strip() + "'.");
            }
            return 0;
        }
    }
}
