package org.chatvault.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.MediaMaterializer;
import org.chatvault.client.local.LocalStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Fill the local database with a realistic synthetic chat history.%n"
                + "Example: chatvault generate --seed 7 --conversations 300 --messages 200000")
final class GenerateCommand implements Callable<Integer> {
    @Mixin ClientOptions client;
    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same history (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--conversations", defaultValue = "300", description = "Number of conversations (default: ${DEFAULT-VALUE}).") int conversations;
    @Option(names = "--messages", defaultValue = "100000", description = "Total number of messages (default: ${DEFAULT-VALUE}).") long messages;
    @Option(names = "--years", defaultValue = "3", description = "Years of history ending now (default: ${DEFAULT-VALUE}).") int years;
    @Option(names = "--media-scale", paramLabel = "FACTOR",
            description = "Also write the media files, each scaled by FACTOR (0 < FACTOR ≤ 1; 0.01 makes a 50 MB video 500 kB). "
                    + "Without it, attachments are described but have no files.") Double mediaScale;

    @Override public Integer call() {
        if (conversations < 1 || messages < 0) throw new CliException("--conversations must be ≥ 1 and --messages ≥ 0");
        // Checked before anything is written: a refused option must not leave half a history behind.
        if (mediaScale != null && !(mediaScale > 0 && mediaScale <= 1))
            throw new CliException("--media-scale must be greater than 0 and at most 1, not " + mediaScale);
        long start = System.nanoTime();
        try (LocalStore store = LocalStore.open(client.db()); ProgressBar bar = Progress.bar("generate", messages, "msg")) {
            Histories.fill(store, new GeneratorOptions(seed, conversations, messages, Clock.systemUTC().millis(), years, 0.005), bar::stepBy);
        }
        System.out.printf("generated %,d messages in %,d conversations into %s in %.1f s%n", messages, conversations, client.db(),
                (System.nanoTime() - start) / 1e9);
        if (mediaScale != null) writeMedia();
        return 0;
    }

    private void writeMedia() {
        if (!(mediaScale > 0 && mediaScale <= 1)) throw new CliException("--media-scale must be greater than 0 and at most 1");
        long start = System.nanoTime();
        try (LocalStore store = LocalStore.open(client.db()); ProgressBar bar = Progress.bytes("media", 0)) {
            MediaMaterializer.Report r = Histories.materialize(store, mediaScale, bar::stepBy);
            bar.close();
            System.out.printf("wrote %,d media files and %,d thumbnails (%,d bytes) into %s in %.1f s%n", r.files(), r.thumbnails(),
                    r.bytes(), store.media().root(), (System.nanoTime() - start) / 1e9);
        } catch (java.io.IOException e) {
            throw new CliException("cannot write media files: " + e.getMessage());
        }
    }
}
