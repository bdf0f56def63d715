package org.chatvault.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code chatvault} command. */
@Command(name = "chatvault", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "End-to-end encrypted cloud backup for chat history.",
        subcommands = {ServerCommand.class, JobsCommand.class, InitCommand.class, LoginCommand.class, GenerateCommand.class, BackupCommand.class, SyncCommand.class, DeleteCommand.class,
                RestoreCommand.class, MediaCommand.class, VerifyCommand.class, SearchCommand.class, StatusCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of main. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl.execute(args);
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
