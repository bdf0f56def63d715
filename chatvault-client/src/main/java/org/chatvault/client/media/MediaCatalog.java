package org.chatvault.client.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.client.local.SyncState;
import org.chatvault.client.local.SyncState.MediaKey;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.core.format.MediaIndex;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;

/**
 * Every file and thumbnail the vault head references, read from the media indexes that the
 * conversation indexes of the head list (as recorded by the last backup or restore of this
 * store), with the newest month each one is used in and where.
 */
record MediaCatalog(Map<MediaKey, Entry> entries) {
    private static final int FETCH_IDS = 2_000;

    /** A file or thumbnail, the newest month it appears in, and one conversation that uses it (for messages). */
    record Entry(MediaRef ref, int month, String conversationId) {}

    static MediaCatalog load(SyncState sync, ObjectFetcher fetcher) {
        Map<ObjectId, String> indexOwner = new LinkedHashMap<>();
        for (String conversationId : sync.conversations().keySet()) {
            for (MediaIndexRef m : sync.mediaIndexes(conversationId)) indexOwner.put(m.id(), conversationId);
        }
        Map<MediaKey, Entry> entries = new HashMap<>();
        List<ObjectId> ids = new ArrayList<>(indexOwner.keySet());
        for (int i = 0; i < ids.size(); i += FETCH_IDS) {
            List<ObjectId> part = new ArrayList<>(ids.subList(i, Math.min(ids.size(), i + FETCH_IDS)));
            for (Map.Entry<ObjectId, byte[]> e : fetcher.open(part, ObjectKind.MEDIA_INDEX).entrySet()) {
                MediaIndex index = MediaIndex.decode(e.getValue());
                for (MediaRef ref : index.refs()) {
                    Entry entry = new Entry(ref, index.month(), index.conversationId());
                    entries.merge(new MediaKey(ref.contentId(), ref.role()), entry, (a, b) -> b.month() > a.month() ? b : a);
                }
            }
        }
        return new MediaCatalog(entries);
    }

    /** Entries of one role from {@code sinceMonth} on (0: all), newest month first. */
    List<Entry> newestFirst(MediaRef.Role role, int sinceMonth) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries.values()) if (e.ref().role() == role && e.month() >= sinceMonth) out.add(e);
        out.sort(Comparator.comparingInt(Entry::month).reversed().thenComparing(e -> e.ref().contentId()));
        return out;
    }
}
