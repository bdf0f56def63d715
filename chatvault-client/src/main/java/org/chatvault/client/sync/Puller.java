package org.chatvault.client.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.account.Session;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.client.local.DirtyConversation;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.SyncState;
import org.chatvault.client.local.SyncState.BackedUpConversation;
import org.chatvault.client.local.SyncState.BackedUpMedia;
import org.chatvault.client.local.SyncState.ConversationState;
import org.chatvault.client.local.SyncState.MediaKey;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.format.ConversationIndex;
import org.chatvault.core.format.MediaIndex;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.Months;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RootManifest;
import org.chatvault.core.format.SegmentCodec;
import org.chatvault.core.format.SegmentRef;
import org.chatvault.core.model.Message;

/**
 * Brings a LocalStore in step with the vault head (docs/SYNC.md §3): fetches the root, the indexes
 * of the conversations that changed since this store's last known head, the segments of them it
 * does not know, and merges their messages into the store by {@link org.chatvault.core.format.MergeRules}.
 * Afterwards the store's record of the vault is the head's, and whatever the store holds that
 * the head lacks is marked for the next backup; nothing in the store is lost.
 */
public final class Puller {
    private static final int INDEX_BATCH = 2_000;
    private static final long SEGMENT_GROUP_BYTES = 8L * 1024 * 1024;

    /** What a pull brought in. */
    public record Report(long version, int conversationsChanged, int segmentsFetched, long messagesMerged, long bytesFetched) {
        static Report nothing(long version) { return new Report(version, 0, 0, 0, 0); }
    }

    private final Session session;
    private final LocalStore store;

    public Puller(Session session, LocalStore store) {
        this.session = session;
        this.store = store;
    }

    /** True when this store's record of the vault is exactly {@code head}. */
    private static boolean inStep(SyncState sync, VaultHead head) {
        Optional<SyncState.Head> known = sync.head();
        if (head.version() == 0) return known.isEmpty();
        return known.isPresent() && known.get().version() == head.version() && known.get().root().hex().equals(head.root());
    }

    /** Pulls {@code head} (as just answered by the server) into the store. */
    public Report pull(VaultHead head) {
        SyncState sync = store.syncState();
        HeadGuard guard = new HeadGuard(sync);
        guard.checkHead(head);
        if (inStep(sync, head)) return Report.nothing(head.version());
        if (head.version() == 0) {
            // The store remembers a vault that the server no longer has (and this device never saw
            // a versioned head, or the guard would have refused): everything here goes up again.
            sync.forgetVault();
            store.markAllDirty();
            return Report.nothing(0);
        }
        AtomicLong bytes = new AtomicLong();
        ObjectFetcher fetcher = new ObjectFetcher(session.api(), session.newCodec(), bytes);
        ObjectId rootId = ObjectId.parse(head.root());
        RootManifest root = fetcher.root(rootId);
        guard.checkRoot(head, root);
        Horizons.learn(sync, root);
        // Expired months (docs/FORMAT.md §8.1) may be gone from the server: neither fetched nor learnt.
        int expiredBelow = Horizons.expiredBelow(sync, head);

        Map<String, BackedUpConversation> recorded = sync.conversations();
        List<RootManifest.Entry> changed = new ArrayList<>();
        Set<String> inRoot = new HashSet<>();
        for (RootManifest.Entry e : root.conversations()) {
            inRoot.add(e.conversationId());
            BackedUpConversation r = recorded.get(e.conversationId());
            if (r == null || !r.indexId().equals(e.indexId())) changed.add(e);
        }
        List<String> removed = new ArrayList<>();
        for (String id : recorded.keySet()) if (!inRoot.contains(id)) removed.add(id);

        Set<String> dirty = new HashSet<>();
        for (DirtyConversation d : store.dirtyConversations()) dirty.add(d.conversationId());
        Map<String, ConversationIndex> indexes = new HashMap<>();
        // A pull must not go on without an index: the next push could drop what it lists.
        IndexReader.read(store, fetcher, changed, indexes, (e, why) -> {
            throw new CorruptDataException("conversation " + e.conversationId() + ": its index " + e.indexId() + " is " + why
                    + "; nothing was changed (chatvault verify names everything affected)");
        });
        Map<String, List<MediaIndexRef>> knownMedia = sync.allMediaIndexes();

        List<SegmentRef> wanted = new ArrayList<>();
        List<ObjectId> newMediaIndexes = new ArrayList<>();
        for (RootManifest.Entry e : changed) {
            ConversationIndex idx = indexes.get(e.conversationId());
            Set<ObjectId> known = new HashSet<>();
            for (SegmentRef s : sync.segments(e.conversationId())) known.add(s.id());
            for (SegmentRef s : idx.segments()) if (!known.contains(s.id()) && s.month() >= expiredBelow) wanted.add(s);
            List<MediaIndexRef> had = knownMedia.getOrDefault(e.conversationId(), List.of());
            for (MediaIndexRef m : idx.media()) if (!had.contains(m) && m.month() >= expiredBelow) newMediaIndexes.add(m.id());
        }
        long[] merged = {0};
        int segments = fetchAndMerge(fetcher, wanted, merged);
        learnMedia(fetcher, newMediaIndexes);

        List<ConversationState> states = new ArrayList<>(changed.size());
        for (RootManifest.Entry e : changed) {
            ConversationIndex idx = indexes.get(e.conversationId());
            states.add(new ConversationState(new BackedUpConversation(e.conversationId(), e.indexId(), e.lastActivity(), e.messageCount()),
                    idx.segments(), idx.media(), -1));
        }
        sync.recordHead(new SyncState.Head(head.version(), rootId), states, removed);
        Horizons.recordCommitted(sync, root.horizon());
        // What this store holds that the head lacks goes up with the next backup: here, a
        // conversation with more messages than the head's index counts. Months below the retention
        // horizon count on neither side: this store may keep messages there that the vault no longer does.
        long keptSince = expiredBelow == 0 ? Long.MIN_VALUE : Months.start(expiredBelow);
        for (RootManifest.Entry e : changed) {
            long inIndex = 0;
            for (SegmentRef s : indexes.get(e.conversationId()).segments()) if (s.month() >= expiredBelow) inIndex += s.count();
            if (!dirty.contains(e.conversationId()) && store.vaultMessageCount(e.conversationId(), keptSince) > inIndex)
                store.markDirtyFrom(e.conversationId(), Long.MIN_VALUE);
        }
        guard.remember(head.version(), rootId, root.version() > 0);
        store.buildSearchIndex(n -> {});
        return new Report(head.version(), changed.size(), segments, merged[0], bytes.get());
    }

    private int fetchAndMerge(ObjectFetcher fetcher, List<SegmentRef> wanted, long[] merged) {
        int fetched = 0;
        List<ObjectId> group = new ArrayList<>();
        long groupBytes = 0;
        for (int i = 0; i <= wanted.size(); i++) {
            if (i < wanted.size()) {
                group.add(wanted.get(i).id());
                groupBytes += wanted.get(i).plainSize();
            }
            if (group.isEmpty() || (i < wanted.size() && groupBytes < SEGMENT_GROUP_BYTES)) continue;
            List<Message> messages = new ArrayList<>();
            for (byte[] p : fetcher.open(group, ObjectKind.SEGMENT).values()) messages.addAll(SegmentCodec.decode(p).messages());
            merged[0] += store.addRestoredMessages(messages, false);
            fetched += group.size();
            group = new ArrayList<>();
            groupBytes = 0;
        }
        return fetched;
    }

    /**
     * Records the files and thumbnails that newly pulled media indexes list as in the vault, so a
     * media backup here neither uploads them again nor leaves them out of an index it rewrites.
     */
    private void learnMedia(ObjectFetcher fetcher, List<ObjectId> mediaIndexes) {
        if (mediaIndexes.isEmpty()) return;
        Map<MediaKey, BackedUpMedia> have = store.syncState().backedUpMedia();
        Map<MediaKey, BackedUpMedia> learned = new HashMap<>();
        for (int i = 0; i < mediaIndexes.size(); i += INDEX_BATCH) {
            List<ObjectId> part = mediaIndexes.subList(i, Math.min(mediaIndexes.size(), i + INDEX_BATCH));
            for (byte[] plain : fetcher.open(part, ObjectKind.MEDIA_INDEX).values()) {
                MediaIndex index = MediaIndex.decode(plain);
                for (MediaRef ref : index.refs()) {
                    MediaKey key = new MediaKey(ref.contentId(), ref.role());
                    if (have.containsKey(key)) continue;
                    learned.merge(key, new BackedUpMedia(ref, index.month()), (a, b) -> b.bucket() > a.bucket() ? b : a);
                }
            }
        }
        store.syncState().recordMediaLanded(learned.values());
    }
}
