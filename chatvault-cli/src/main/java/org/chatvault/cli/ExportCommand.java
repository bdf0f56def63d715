package org.chatvault.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.chatvault.client.exporter.ExportFormat;
import org.chatvault.client.exporter.ExportOptions;
import org.chatvault.client.exporter.ExportReport;
import org.chatvault.client.exporter.ExportService;
import org.chatvault.client.local.ConversationSelector;
import org.chatvault.client.local.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write your history as readable files: HTML pages to browse offline, plain text, or JSON (docs/EXPORT.md).",
                "Works from the local database with no server, at any time (also after a subscription ends): restore first on a new computer.",
                "Example: chatvault export ~/chat-export --format html --conversation Family --since 2025-01"})
final class ExportCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "DIR", description = "A new or empty directory to write into.") Path directory;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html", description = "html (default), txt or json.") String format;
    @Option(names = "--conversation", paramLabel = "NAME", split = ",",
            description = "Only these conversations, by id or title (repeat or separate with commas; default: all).")
    List<String> conversations = List.of();
    @Option(names = "--since", paramLabel = "DATE", description = "Only messages from this day or month on: YYYY-MM-DD or YYYY-MM.") String since;
    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone for readable times (default: this computer's).") String zone;

    @Override public Integer call() {
        ExportFormat chosen = format();
        ZoneId zoneId = DayOption.zone(zone);
        long sinceMillis = since == null ? Long.MIN_VALUE : DayOption.start("--since", since, zoneId);
        if (!Files.exists(client.db()))
            throw new CliException("no local database at " + client.db() + ": run 'chatvault restore' or 'chatvault import' first");
        try (LocalStore store = LocalStore.open(client.db())) {
            List<String> ids = conversations.isEmpty() ? List.of() : ConversationSelector.resolve(store.conversations(), conversations);
            ExportReport r = new ExportService(store).run(directory, chosen, new ExportOptions(ids, sinceMillis, zoneId));
            System.out.printf("Exported %d conversation(s), %,d message(s) and %,d file(s) as %s to %s%n",
                    r.conversations(), r.messages(), r.mediaFiles(), r.format().cliName(), r.directory());
            if (r.mediaMissing() > 0)
                System.out.printf("%,d attachment(s) are named without their file: this device does not hold them"
                        + " (run 'chatvault restore' without --text-only, or 'chatvault media get').%n", r.mediaMissing());
        }
        return 0;
    }

    private ExportFormat format() {
        try {
            return ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException("unknown export format '" + format + "': expected html, txt or json");
        }
    }
}
