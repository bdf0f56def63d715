package org.chatvault.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code chatvault} command. */
@Command(name = "chatvault", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "End-to-end encrypted cloud backup for chat history.",
        subcommands = {ServerCommand.class, JobsCommand.class, InitCommand.class, LoginCommand.class, DeviceCommand.class, LogoutCommand.class,
                PasswordCommand.class, AccountCommand.class, AuditCommand.class, GenerateCommand.class, BackupCommand.class, SyncCommand.class, DeleteCommand.class,
                RestoreCommand.class, ArchiveCommand.class, MediaCommand.class, VerifyCommand.class, SearchCommand.class, StatusCommand.class, DemoCommand.class,
                SubscriptionCommand.class, BillingCommand.class, ImportCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    // Also accepted before the subcommand (chatvault --home DIR login …); the subcommand's own --home wins.
    @Option(names = "--home", paramLabel = "DIR", description = "Client directory for the profile and local database, for the command that follows.")
    Path home;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        CommandLine.IParameterExceptionHandler usage = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((e, argv) -> e instanceof CommandLine.UnmatchedArgumentException u && unknownCommand(u.getCommandLine(), u.getUnmatched())
                ? CommandLine.ExitCode.USAGE : usage.handleParseException(e, argv));
        // A help option ends parsing without complaint about what it could not match ("chatvault teleport now --help"):
        // an unknown command must still be an error, not the top-level help.
        cl.setExecutionStrategy(parsed -> {
            CommandLine.ParseResult last = parsed;
            while (last.hasSubcommand()) last = last.subcommand();
            if (unknownCommand(last.commandSpec().commandLine(), last.unmatched())) return CommandLine.ExitCode.USAGE;
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    /** Says so and returns true when the first word {@code command} could not match names a command it does not have. */
    private static boolean unknownCommand(CommandLine command, List<String> unmatched) {
        if (unmatched.isEmpty() || command.getSubcommands().isEmpty() || unmatched.get(0).startsWith("-")) return false;
        String name = command.getCommandSpec().qualifiedName();
        command.getErr().printf("%s: unknown command '%s' (see '%s --help' for the commands)%n", name, unmatched.get(0), name);
        return true;
    }

    @Override public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"chatvault " + (v == null ? "development build" : v)};
        }
    }
}
