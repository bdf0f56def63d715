package org.chatvault.client.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.format.ConversationIndex;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RootManifest;

/**
 * Reads the conversation indexes a root names, a few thousand per request, and takes in their
 * conversations' metadata and deletions (docs/SYNC.md §2, §4): the one place both pull and restore
 * read indexes. What to do with an index that cannot be read is the caller's choice.
 */
public final class IndexReader {
    private static final int BATCH = 2_000;

    /** Told about each index that is missing, damaged or not the conversation's; may throw to stop. */
    @FunctionalInterface
    public interface Unreadable {
        void index(RootManifest.Entry entry, String why);
    }

    private IndexReader() {}

    /** Reads {@code entries}' indexes into {@code out}, by conversation id; unreadable ones go to {@code unreadable}. */
    public static void read(LocalStore store, ObjectFetcher fetcher, List<RootManifest.Entry> entries, Map<String, ConversationIndex> out,
                            Unreadable unreadable) {
        for (int i = 0; i < entries.size(); i += BATCH) {
            List<RootManifest.Entry> group = entries.subList(i, Math.min(entries.size(), i + BATCH));
            ObjectFetcher.Available got = fetcher.openAvailable(group.stream().map(RootManifest.Entry::indexId).toList(),
                    ObjectKind.CONVERSATION_INDEX);
            List<ConversationIndex> read = new ArrayList<>(group.size());
            for (RootManifest.Entry e : group) {
                byte[] plain = got.opened().get(e.indexId());
                if (plain == null) {
                    unreadable.index(e, got.unreadable().getOrDefault(e.indexId(), "not fetched"));
                    continue;
                }
                try {
                    ConversationIndex idx = ConversationIndex.decode(plain);
                    if (!idx.conversation().id().equals(e.conversationId()))
                        throw new CorruptDataException("it belongs to conversation " + idx.conversation().id());
                    read.add(idx);
                } catch (CorruptDataException ex) {
                    unreadable.index(e, "damaged: " + ex.getMessage());
                }
            }
            List<LocalStore.VaultConversation> metadata = new ArrayList<>(read.size());
            for (ConversationIndex idx : read) metadata.add(new LocalStore.VaultConversation(idx.conversation(), idx.metadataChangedAt()));
            store.mergeConversations(metadata);
            // Deletions made on other devices take effect here before any message of theirs is merged.
            for (ConversationIndex idx : read) {
                store.applyTombstones(idx.conversation().id(), idx.tombstones());
                out.put(idx.conversation().id(), idx);
            }
        }
    }
}
