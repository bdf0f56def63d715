package org.chatvault.bench.compare;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.bench.e2e.ServerProcess;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Message;

/**
 * Chatvault's side of one run, as a user runs it: whole processes of the real CLI against a
 * server in its own JVM. The history goes in as the profile's local database (what an app's
 * LocalStore would be), the new messages are written into it with no CLI running, as the app
 * would, and a second profile restores it as a new phone.
 */
final class ChatvaultSide {
    private final Path cli;
    private final String password;

    ChatvaultSide(Path cli, String password) {
        this.cli = cli;
        this.password = password;
    }

    ToolFigures measure(Path dir, Path template, List<Message> newMessages) throws IOException, InterruptedException {
        Path phone = dir.resolve("phone");
        Path newPhone = dir.resolve("new-phone");
        Path serverData = dir.resolve("server");
        Files.createDirectories(dir);
        try (ServerProcess server = new ServerProcess(serverData)) {
            String recoveryKey = CliOutput.recoveryKey(cli("init", phone, Map.of("CHATVAULT_PASSWORD", password),
                    "init", "--server", server.uri().toString(), "--user", "bench").stdout());
            // The CLI keeps the device's chats in <home>/local.db (ClientOptions.db()).
            Path db = phone.resolve("local.db");
            for (String suffix : List.of("-wal", "-shm")) Files.deleteIfExists(db.resolveSibling("local.db" + suffix));
            Files.copy(template, db, StandardCopyOption.REPLACE_EXISTING);

            ToolProcess.Result first = cli("backup", phone, Map.of(), "backup", "--text-only");
            CliOutput.Backup firstBackup = CliOutput.backup(first.stdout());
            try (LocalStore store = LocalStore.open(db)) {
                store.addMessages(newMessages);
            }
            ToolProcess.Result second = cli("backup after +1,000 messages", phone, Map.of(), "backup", "--text-only");
            CliOutput.Backup secondBackup = CliOutput.backup(second.stdout());
            long usage = CliOutput.serverBytes(cli("status", phone, Map.of(), "status").stdout());

            cli("login", newPhone, Map.of("CHATVAULT_PASSWORD", password, "CHATVAULT_RECOVERY_KEY", recoveryKey),
                    "login", "--server", server.uri().toString(), "--user", "bench", "--recovery-key");
            ToolProcess.Result restore = cli("restore", newPhone, Map.of(), "restore", "--text-only");
            CliOutput.Restore restored = CliOutput.restore(restore.stdout());
            long expected = firstBackup.messagesEncoded() + newMessages.size();
            if (restored.messages() != expected)
                throw new ToolProcess.ToolFailedException(String.format("chatvault restore brought back %,d messages where %,d were backed up",
                        restored.messages(), expected));
            return new ToolFigures(first.wallSeconds(), firstBackup.seconds(), usage, ToolProcess.bytesUnder(serverData),
                    second.wallSeconds(), secondBackup.seconds(), secondBackup.bytesUploaded(),
                    restored.allTextMs() / 1e3, restored.searchableMs() / 1e3, restore.wallSeconds(), restored.firstScreenMs() / 1e3,
                    server.peakRssBytes() < 0 ? Double.NaN : server.peakRssBytes(), Math.max(Math.max(first.peakRssBytes(), second.peakRssBytes()), restore.peakRssBytes()));
        }
    }

    /**
     * One whole {@code chatvault} process for the profile in {@code home}, on the JVM that runs this
     * benchmark: through the project's launcher as a user types it (its class-data sharing archive
     * included), or straight from a jar when {@code --cli} names one (an older build, say).
     */
    private ToolProcess.Result cli(String step, Path home, Map<String, String> secrets, String... args) {
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>();
        Map<String, String> env = new HashMap<>(secrets);
        if (cli.getFileName().toString().endsWith(".jar")) {
            command.addAll(List.of(Path.of(javaHome, "bin", "java").toString(), "-Xmx1g", "-jar", cli.toAbsolutePath().toString()));
        } else {
            command.add(cli.toAbsolutePath().toString());
            env.put("JAVA_HOME", javaHome);
        }
        command.addAll(List.of("--home", home.toString()));
        command.addAll(List.of(args));
        return ToolProcess.run("chatvault " + step, command, home.getParent(), env);
    }
}
