package org.chatvault.cli;

import java.io.IOException;
import java.util.function.LongConsumer;
import org.chatvault.client.local.LocalStore;
import org.chatvault.generator.DayOfUse;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.HistoryGenerator;
import org.chatvault.generator.HistorySink;
import org.chatvault.generator.MediaMaterializer;
import org.chatvault.generator.MediaShelf;

/** Synthetic histories in a LocalStore, for the generate command and the demo: the generator adapted to the client. */
final class Histories {
    private Histories() {}

    /** Writes a generated history into {@code store}, reporting progress in messages. */
    static void fill(LocalStore store, GeneratorOptions options, LongConsumer progress) {
        HistoryGenerator.generate(options, HistorySink.of(store::putConversation, batch -> {
            store.addMessages(batch);
            progress.accept(batch.size());
        }));
    }

    /** Writes the content files of the store's attachments (see {@link MediaMaterializer}), reporting progress in bytes. */
    static MediaMaterializer.Report materialize(LocalStore store, double scale, LongConsumer progress) throws IOException {
        MediaShelf shelf = MediaShelf.of(
                sink -> store.forEachMediaUse(u -> sink.accept(new MediaShelf.AttachmentFile(u.contentId(), u.mime(), u.size(), u.thumbnailId()))),
                id -> store.media().size(id).orElse(-1L), (id, content) -> store.media().write(id, content::writeTo, false), store::setAttachmentSize);
        return MediaMaterializer.materialize(shelf, scale, progress);
    }

    /** Appends {@code count} new messages, from {@code now} on, spread over the 20 most recent chats: a day of use. */
    static int appendRecent(LocalStore store, int count, long now) {
        var recent = store.recentConversations(20).stream().map(s -> new DayOfUse.ActiveChat(s.conversation(), s.lastActivity())).toList();
        var batch = DayOfUse.messages(recent, count, now);
        if (!batch.isEmpty()) store.addMessages(batch);
        return batch.size();
    }
}
