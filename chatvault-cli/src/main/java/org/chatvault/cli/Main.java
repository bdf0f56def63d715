package org.chatvault.cli;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code chatvault} command. */
@Command(name = "chatvault", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "End-to-end encrypted cloud backup for chat history.")
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    // Also accepted before the subcommand (chatvault --home DIR login …); the subcommand's own --home wins.
    @Option(names = "--home", paramLabel = "DIR", description = "Client directory for the profile and local database, for the command that follows.")
    Path home;

    /**
     * Every command by name, in the order the help lists them. Not in the {@code @Command} annotation:
     * picocli would then read every command's options up front, a good part of a short command's
     * start-up; a command line naming one command builds that one alone (see {@link #commandsFor}).
     */
    static final Map<String, Class<?>> COMMANDS = commands(ServerCommand.class, "server", JobsCommand.class, "jobs",
            InitCommand.class, "init", LoginCommand.class, "login", DeviceCommand.class, "device", LogoutCommand.class, "logout",
            PasswordCommand.class, "password", AccountCommand.class, "account", AuditCommand.class, "audit",
            GenerateCommand.class, "generate", BackupCommand.class, "backup", SyncCommand.class, "sync", DeleteCommand.class, "delete",
            RestoreCommand.class, "restore", ArchiveCommand.class, "archive", MediaCommand.class, "media", VerifyCommand.class, "verify",
            SearchCommand.class, "search", StatusCommand.class, "status", DemoCommand.class, "demo",
            SubscriptionCommand.class, "subscription", BillingCommand.class, "billing", ImportCommand.class, "import",
            ExportCommand.class, "export", CommandLine.HelpCommand.class, "help");

    private static Map<String, Class<?>> commands(Object... classAndName) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < classAndName.length; i += 2) m.put((String) classAndName[i + 1], (Class<?>) classAndName[i]);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The commands {@code args} needs: only the one it names when nothing but {@code --home} comes
     * before that name; all of them for the help, the version, a name that is no command's, or none.
     */
    static Collection<Class<?>> commandsFor(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--home")) i++;
            else if (a.startsWith("--home=")) continue;
            else if (a.startsWith("-")) break;
            else {
                Class<?> only = COMMANDS.get(a);
                return only == null || only == CommandLine.HelpCommand.class ? COMMANDS.values() : List.of(only);
            }
        }
        return COMMANDS.values();
    }

    public static void main(String[] args) {
        NativeLibraryCache.use(NativeLibraryCache.defaultDirectory());
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> command : commandsFor(args)) cl.addSubcommand(command);
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
