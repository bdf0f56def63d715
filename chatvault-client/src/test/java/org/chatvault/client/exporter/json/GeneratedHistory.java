package org.chatvault.client.exporter.json;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;
import org.chatvault.generator.GeneratorOptions;
import org.chatvault.generator.HistoryGenerator;
import org.chatvault.generator.HistorySink;
import org.chatvault.generator.MediaMaterializer;
import org.chatvault.generator.MediaShelf;

/** Generated history (with media files) in a LocalStore, and the store's content read back for comparison. */
public final class GeneratedHistory {
    /** 2026-09-21: fixed so histories are reproducible. */
    public static final long NOW = 1_790_000_000_000L;

    private GeneratedHistory() {}

    public static void generate(LocalStore store, long seed, int conversations, long messages) {
        HistoryGenerator.generate(GeneratorOptions.of(seed, conversations, messages, NOW), HistorySink.of(store::putConversation, store::addMessages));
    }

    /** Writes the content files (and thumbnails) of the store's attachments, small: tests need bytes to compare, not megabytes. */
    public static MediaMaterializer.Report materialize(LocalStore store, double scale) throws IOException {
        MediaShelf shelf = MediaShelf.of(
                sink -> store.forEachMediaUse(u -> sink.accept(new MediaShelf.AttachmentFile(u.contentId(), u.mime(), u.size(), u.thumbnailId()))),
                id -> store.media().size(id).orElse(-1L), (id, content) -> store.media().write(id, content::writeTo, false), store::setAttachmentSize);
        return MediaMaterializer.materialize(shelf, scale, b -> {});
    }

    /** Every message of the store by conversation, each in the store's (time, id) order. */
    public static Map<String, java.util.List<Message>> messages(LocalStore store) {
        Map<String, java.util.List<Message>> out = new HashMap<>();
        for (Conversation c : store.conversations()) {
            java.util.List<Message> list = new java.util.ArrayList<>();
            store.forEachMessage(c.id(), Long.MIN_VALUE, list::add);
            out.put(c.id(), list);
        }
        return out;
    }
}
