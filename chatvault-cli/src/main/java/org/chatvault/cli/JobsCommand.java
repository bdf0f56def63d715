package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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

/** {@code chatvault jobs run NAME [--dry-run] [--as-of DATE]}: an operator runs one of the server's jobs once, over the server's stores. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = "Run the server's background jobs by hand, over the stores `chatvault server` is configured with.",
        subcommands = JobsCommand.Run.class)
final class JobsCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: chatvault jobs run lifecycle|sweep|repack|tier [--dry-run]");
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run one job once and say what it did: lifecycle (remove deleted and unused accounts, and mark the months "
                    + "each plan no longer keeps for the sweep), sweep (delete objects dropped more than the safety delay ago), "
                    + "repack (rewrite sparse and small packs) or tier (move packs of old months to the S3 cold storage class, "
                    + "s3.cold-storage-class). With --dry-run, say what it would do and change nothing; with "
                    + "--dry-run --as-of DATE, what the lifecycle would do on that later date if nobody renewed or used an account.%n"
                    + "Settings come from --config (a properties file), then CHATVAULT_* environment variables, then --data-dir, "
                    + "as for `chatvault server`.%n"
                    + "Example: chatvault jobs run lifecycle --dry-run --as-of 2027-01-14 --data-dir ./data")
    static final class Run implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", paramLabel = "JOB", description = "lifecycle, sweep, repack or tier") String job;
        @Option(names = "--dry-run", description = "Work out what the job would do; change nothing.") boolean dryRun;
        @Option(names = "--as-of", paramLabel = "DATE", description = "With --dry-run, for lifecycle: evaluate on this later date "
                + "(2027-01-14, or an instant such as 2027-01-14T09:00:00Z) instead of now.") String asOf;
        @Option(names = "--config", description = "Properties file with server settings.") Path config;
        @Option(names = "--data-dir", description = "Where metadata and objects live (default ./data).") Path dataDir;

        @Override public Integer call() {
            if (!ServerJobs.NAMES.contains(job))
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "no job named '" + job + "'; the jobs are " + String.join(", ", ServerJobs.NAMES.subList(0, ServerJobs.NAMES.size() - 1))
                                + " and " + ServerJobs.NAMES.getLast());
            Instant when = asOf == null ? null : asOf(spec.commandLine(), asOf);
            if (when != null && !job.equals("lifecycle"))
                throw new CommandLine.ParameterException(spec.commandLine(), "--as-of previews the lifecycle job only, not " + job);
            if (when != null && !dryRun)
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--as-of previews what a later run would do and changes nothing: add --dry-run");
            ServerConfig cfg;
            try {
                cfg = ServerCommand.load(config, dataDir);
            } catch (ConfigException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            JobResult result;
            try {
                result = ServerJobs.runOnce(cfg, Clock.systemUTC(), job, dryRun, when);
            } catch (StoreException e) {
                throw new CliException(e.getMessage());
            }
            result.describe().forEach(System.out::println);
            return 0;
        }

        /** A date (the start of that day, UTC) or an instant. */
        private static Instant asOf(CommandLine cl, String text) {
            try {
                return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(cl, "--as-of takes a date such as 2027-01-14 or an instant such as 2027-01-14T09:00:00Z, not '"
                        + text + "'");
            }
        }
    }
}
