package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
import org.chatvault.client.local.ImportRecord;
import org.chatvault.client.local.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Bring chat history in from another app's export, into the local database (then 'chatvault backup' sends it to the vault).",
                "Formats: Telegram Desktop JSON (result.json or a full export folder), WhatsApp 'Export chat' .txt or .zip,"
                        + " QQ message manager .txt, WeChat CSV or JSON from the common export tools, and Chatvault's own JSON export.",
                "Importing the same export twice, or on two devices, adds each message once.",
                "Example: chatvault import ~/Downloads/WhatsApp\\ Chat\\ with\\ Mum.zip --zone Asia/Shanghai"})
final class ImportCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Parameters(index = "0", paramLabel = "PATH", description = "The export: a file, a zip, or a folder.") Path source;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto (default), telegram, whatsapp, qq, wechat-csv, wechat-json or chatvault-json.") String format;
    @Option(names = "--zone", paramLabel = "ZONE",
            description = "Time zone of the export's local times, e.g. Asia/Shanghai (default: this computer's, ${sys:user.timezone}).")
    String zone;
    @Option(names = "--new-zone", description = "Read an export imported before in a different zone anyway (its messages are added again at the new times).")
    boolean newZone;

    @Override public Integer call() {
        ImportFormat chosen;
        try {
            chosen = format.equalsIgnoreCase("auto") ? null : ImportFormat.fromCliName(format);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        ImportReport r;
        try (LocalStore store = LocalStore.open(client.db())) {
            ZoneId zoneId = zone(store);
            r = new ImportService(store, Clock.systemUTC()).run(source, chosen, new ImportOptions(zoneId));
            System.out.printf("Imported %s (%s, times in %s): %d conversation(s), %,d message(s) read, %,d new; %,d file(s)%s.%n",
                    source, r.format().cliName(), r.zone().getId(), r.conversations(), r.messagesRead(), r.messagesAdded(), r.files(),
                    r.absentFiles() > 0 ? ", " + r.absentFiles() + " named but not in the export" : "");
            if (store.pendingSearchIndex() > 0) {
                try (ProgressBar bar = Progress.bar("search index", store.pendingSearchIndex(), "msg")) {
                    store.buildSearchIndex(bar::stepBy);
                }
            }
        }
        System.out.println(r.messagesAdded() > 0 ? "Run 'chatvault backup' to send them to your vault." : "Nothing new: this history was here already.");
        return 0;
    }

    /**
     * The zone to read local times in. A message's identity includes its time, so the same export
     * read in two zones would give every message twice: without {@code --zone}, an export imported
     * before (the same file, by its path) is read in the zone it was read in then, and a different
     * {@code --zone} for it is refused unless the user means it ({@code --zone} with {@code --new-zone}).
     */
    private ZoneId zone(LocalStore store) {
        String name = source.getFileName() == null ? source.toString() : source.getFileName().toString();
        // By the whole path: unrelated exports share names (Telegram's result.json, WhatsApp's _chat.txt).
        String path = source.toAbsolutePath().toString();
        Optional<ImportRecord> before = store.imports().reversed().stream().filter(i -> i.source().equals(path)).findFirst();
        if (zone == null) {
            if (before.isPresent()) {
                System.out.println("Reading times in " + before.get().zone() + ", as when " + name + " was imported before (--zone to choose).");
                return ZoneId.of(before.get().zone());
            }
            return ZoneId.systemDefault();
        }
        ZoneId chosen = DayOption.zone(zone);
        if (before.isPresent() && !before.get().zone().equals(chosen.getId()) && !newZone)
            throw new CliException(name + " was imported before with times in " + before.get().zone() + "; reading it in " + chosen.getId()
                    + " would add every message of it again at shifted times. Import it with --zone " + before.get().zone()
                    + ", or add --new-zone if the first import used the wrong zone (then delete the wrong copies)");
        return chosen;
    }
}
