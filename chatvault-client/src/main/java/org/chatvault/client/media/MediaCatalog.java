package org.chatvault.client.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.chatvault.client.local.SyncState;
import org.chatvault.client.local.SyncState.MediaKey;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.core.format.MediaIndex;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.client.sync.Horizons;

/**
 * Every file and thumbnail the vault head references, read from the media indexes that the
 * conversation indexes of the head list (as recorded by the last backup or restore of this
 * store), with the newest month each one is used in.
 */
record MediaCatalog(Map<MediaKey, Entry> entries) {
    private static final int FETCH_IDS = 2_000;

    /** A file or thumbnail and the newest month it appears in. */
    record Entry(MediaRef ref, int month) {}

    static MediaCatalog load(SyncState sync, ObjectFetcher fetcher) {
        return load(sync, fetcher, (conversationId, month) -> true);
    }

    /**
     * Only from the media indexes of the conversation-months {@code which} accepts, and never of a
     * month that expired under the plan (docs/FORMAT.md §8.1): those may be gone from the server.
     */
    static MediaCatalog load(SyncState sync, ObjectFetcher fetcher, BiPredicate<String, Integer> which) {
        RetentionHorizon horizon = Horizons.known(sync);
        List<ObjectId> ids = new ArrayList<>();
        for (Map.Entry<String, List<MediaIndexRef>> e : sync.allMediaIndexes().entrySet()) {
            for (MediaIndexRef m : e.getValue()) if (which.test(e.getKey(), m.month()) && !horizon.expired(m.month())) ids.add(m.id());
        }
        Map<MediaKey, Entry> entries = new HashMap<>();
        for (int i = 0; i < ids.size(); i += FETCH_IDS) {
            List<ObjectId> part = ids.subList(i, Math.min(ids.size(), i + FETCH_IDS));
            for (Map.Entry<ObjectId, byte[]> e : fetcher.open(part, ObjectKind.MEDIA_INDEX).entrySet()) {
                MediaIndex index = MediaIndex.decode(e.getValue());
                for (MediaRef ref : index.refs()) {
                    Entry entry = new Entry(ref, index.month());
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
