package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.chatvault.server.ServerJobs;
import org.chatvault.server.config.ConfigException;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.jobs.JobResult;
import org.chatvault.server.storage.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chatvault jobs run NAME [--dry-run]}: an operator runs one of the server's jobs once, over the server's stores. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Run the server's background jobs by hand, over the stores `chatvault server` is configured with.",
        subcommands = JobsCommand.Run.class)
final class JobsCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: chatvault jobs run sweep|repack|tier [--dry-run]");
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run one job once and say what it did: sweep (delete objects dropped more than the safety delay ago) "
                    + "repack (rewrite sparse and small packs) or tier (move packs of old months to the S3 cold storage class, "
                    + "s3.cold-storage-class). With --dry-run, say what it would do and change nothing.%n"
                    + "Settings come from --config (a properties file), then CHATVAULT_* environment variables, then --data-dir, "
                    + "as for `chatvault server`.%n"
                    + "Example: chatvault jobs run sweep --dry-run --data-dir ./data")
    static final class Run implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "JOB", description = "sweep, repack or tier") String job;
        @Option(names = "--dry-run", description = "Work out what the job would do; change nothing.") boolean dryRun;
        @Option(names = "--config", description = "Properties file with server settings.") Path config;
        @Option(names = "--data-dir", description = "Where metadata and objects live (default ./data).") Path dataDir;

        @Override public Integer call() {
            if (!ServerJobs.NAMES.contains(job))
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no job named '" + job + "'; the jobs are " + String.join(", ", ServerJobs.NAMES.subList(0, ServerJobs.NAMES.size() - 1))
                                + " and " + ServerJobs.NAMES.getLast());
            ServerConfig cfg;
            try {
                cfg = ServerCommand.load(config, dataDir);
            } catch (ConfigException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            JobResult result;
            try {
                result = ServerJobs.runOnce(cfg, Clock.systemUTC(), job, dryRun);
            } catch (StoreException e) {
                throw new CliException(e.getMessage());
            }
            result.describe().forEach(System.out::println);
            return 0;
        }
    }
}
