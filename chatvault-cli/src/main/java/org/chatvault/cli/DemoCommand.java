package org.chatvault.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.chatvault.generator.Directories;
import org.chatvault.client.Vault;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.Session;
import org.chatvault.client.account.Unlock;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.MediaMaterializer;
import org.chatvault.client.media.MediaRestoreService;
import org.chatvault.client.verify.VerifyOptions;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreReport;
import org.chatvault.client.verify.VerifyReport;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.config.UnlimitedBilling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show the whole product on this machine: start an embedded server, generate a chat history, back it up,"
                + " add messages and back up again, restore onto a second device, verify, and check both devices hold the same chats.%n"
                + "Example: chatvault demo --messages 200000")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "42", description = "History seed (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--conversations", defaultValue = "300", description = "Conversations (default: ${DEFAULT-VALUE}).") int conversations;
    @Option(names = "--messages", defaultValue = "100000", description = "Messages (default: ${DEFAULT-VALUE}).") long messages;
    @Option(names = "--media-scale", defaultValue = "0.0005",
            description = "Size of the generated media files relative to real ones, 0 for none (default: ${DEFAULT-VALUE}).") double mediaScale;
    @Option(names = "--dir", description = "Keep everything in this directory instead of a temporary one that is deleted afterwards.") Path dir;

    @Override public Integer call() throws IOException {
        if (!(mediaScale >= 0 && mediaScale <= 1)) throw new CliException("--media-scale must be within 0..1, not " + mediaScale);
        if (conversations < 1) throw new CliException("--conversations must be at least 1, not " + conversations);
        if (messages < 1) throw new CliException("--messages must be at least 1, not " + messages);
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("chatvault-demo");
        // The embedded server logs from its own threads: held until the demo has said everything, so no
        // log line lands in the middle of the demo's output on a terminal.
        try (HeldLogs ignored = HeldLogs.hold()) {
            return demo(root);
        } finally {
            if (dir == null) Directories.deleteTree(root);
        }
    }

    private int demo(Path root) throws IOException {
        Clock clock = Clock.systemUTC();
        // The demo shows backup and restore of years of history, not a plan's limits.
        ServerConfig cfg = ServerConfig.defaults().withPort(0).withDataDir(root.resolve("server")).withBilling(UnlimitedBilling.config());
        char[] password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12)).toCharArray();
        try (ChatvaultServer server = ChatvaultServer.start(cfg, clock)) {
            say("1. embedded server on %s, data in %s", server.baseUri(), cfg.dataDir());
            Path phone = root.resolve("old-phone"), newPhone = root.resolve("new-phone");
            AccountService.Created created = Vault.createAccount(phone, server.baseUri(), "demo", password, null);
            say("2. account 'demo' created; recovery key %s", created.recoveryKey());
            try (Session a = created.session(); LocalStore storeA = LocalStore.open(phone.resolve("local.db"));
                 Vault oldPhone = Vault.over(a, storeA, clock)) {
                long t = System.nanoTime();
                Histories.fill(storeA, new GeneratorOptions(seed, conversations, messages, clock.millis() - 3_600_000L, 3, 0.005), n -> {});
                say("3. generated %,d messages in %,d conversations in %.2f s", messages, conversations, secs(t));
                if (mediaScale > 0) {
                    t = System.nanoTime();
                    MediaMaterializer.Report m = Histories.materialize(storeA, mediaScale, n -> {});
                    say("   and their media at %s of real size: %,d files and %,d thumbnails, %,d bytes, in %.2f s", mediaScale, m.files(),
                            m.thumbnails(), m.bytes(), secs(t));
                }
                BackupReport first = BackupCommand.run(oldPhone);
                say("4. initial %s (%,.0f messages/s)", BackupCommand.describe(first), first.messagesEncoded() / Math.max(0.001, first.elapsed().toMillis() / 1000.0));
                if (mediaScale > 0) say("   %s", BackupCommand.describe(BackupCommand.runMedia(oldPhone)));
                int added = Histories.appendRecent(storeA, 1_000, clock.millis());
                BackupReport second = BackupCommand.run(oldPhone);
                say("5. %,d new messages, incremental %s", added, BackupCommand.describe(second));
                try (Session b = Vault.login(newPhone, server.baseUri(), "demo", password,
                        new Unlock.WithRecoveryKey(created.recoveryKey()));
                     LocalStore storeB = LocalStore.open(newPhone.resolve("local.db"));
                     Vault newPhoneVault = Vault.over(b, storeB, clock)) {
                    say("6. new phone logged in with the recovery key");
                    RestoreReport r = RestoreCommand.run(newPhoneVault);
                    say("7. %s (%,.0f messages/s)", RestoreCommand.describe(r), r.messages() / Math.max(0.001, r.allText().toMillis() / 1000.0));
                    if (mediaScale > 0) say("   %s", RestoreCommand.describe(RestoreCommand.runMedia(newPhoneVault, MediaRestoreService.Options.ALL)));
                    // Both phones keep chatting in the same chats, then each backs up: every backup merges first.
                    int onNew = Histories.appendRecent(storeB, 300, clock.millis() + 1);
                    int onOld = Histories.appendRecent(storeA, 300, clock.millis() + 2);
                    BackupReport fromNew = BackupCommand.run(newPhoneVault);
                    BackupReport fromOld = BackupCommand.run(oldPhone);
                    BackupReport again = BackupCommand.run(newPhoneVault);
                    say("8. both phones write in the same chats (%,d and %,d messages); new phone: %s%n   old phone: %s%n   new phone again: %s",
                            onNew, onOld, BackupCommand.describe(fromNew), BackupCommand.describe(fromOld), BackupCommand.describe(again));
                    VerifyReport v = newPhoneVault.verify(VerifyOptions.READ_ALL);
                    say("9. %s", VerifyCommand.describe(v));
                    v.problems().forEach(p -> say("   PROBLEM: %s", p));
                    List<String> diffs = StoreComparison.differences(storeA, storeB, 10);
                    if (!v.ok() || !diffs.isEmpty()) {
                        diffs.forEach(d -> say("   DIFFERENCE: %s", d));
                        say("DEMO FAILED");
                        return ErrorHandler.FAILED;
                    }
                    say("10. both phones hold the same %,d messages in %,d conversations%s: demo passed", storeB.messageCount(),
                            storeB.conversations().size(), mediaScale > 0 ? " and the same media files" : "");
                }
            }
        }
        return 0;
    }

    private static double secs(long t0) { return (System.nanoTime() - t0) / 1e9; }

    private static void say(String fmt, Object... args) { System.out.println(String.format(fmt, args)); }
}
