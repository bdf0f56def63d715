package org.chatvault.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.chatvault.client.importer.ImportFormat;
import org.chatvault.client.importer.ImportOptions;
import org.chatvault.client.importer.ImportReport;
import org.chatvault.client.importer.ImportService;
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

    @Override public Integer call() {
        ImportFormat chosen;
        try {
            chosen = format.equalsIgnoreCase("auto") ? null : ImportFormat.fromCliName(format);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        ZoneId zoneId = zone();
        ImportReport r;
        try (LocalStore store = LocalStore.open(client.db())) {
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

    private ZoneId zone() {
        if (zone == null) return ZoneId.systemDefault();
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new CliException("'" + zone + "' is not a time zone: write a region like Asia/Shanghai or Europe/Berlin, or an offset like +08:00");
        }
    }
}
