package org.chatvault.client.media;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.ClientException;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupOptions;
import org.chatvault.client.backup.BatchUploader;
import org.chatvault.client.backup.HeadCommitter;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.MediaUse;
import org.chatvault.client.local.SyncState;
import org.chatvault.client.local.SyncState.BackedUpConversation;
import org.chatvault.client.local.SyncState.BackedUpMedia;
import org.chatvault.client.local.SyncState.ConversationState;
import org.chatvault.client.local.SyncState.MediaKey;
import org.chatvault.client.sync.HeadGuard;
import org.chatvault.client.sync.HeadMovedException;
import org.chatvault.client.sync.Horizons;
import org.chatvault.client.sync.Puller;
import org.chatvault.client.sync.VaultRoots;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.core.format.ConversationIndex;
import org.chatvault.core.format.MediaIndex;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.core.format.SealedObject;
import org.chatvault.core.model.Conversation;

/**
 * Commits a media backup round: rewrites the media indexes that gained files, the conversation
 * indexes listing them and the root. A media index is only ever extended: what the head's index
 * of that month lists stays listed (another device may have put it there), so a device that does
 * not hold a file can never drop it from the vault. When another device commits first, it pulls,
 * re-reads the plan and tries again.
 */
final class MediaCommitter {
    private static final int FETCH_IDS = 2_000;
    private static final int MAX_ATTEMPTS = 8;

    /** The head after the commit (unchanged when there was nothing to commit) and the media indexes written. */
    record Result(long version, int mediaIndexesWritten, boolean committed) {}

    private final Session session;
    private final LocalStore store;
    private final BackupOptions options;
    private MediaPlan plan;
    /** Contents of media indexes seen in this run, so an index this run wrote is not fetched back. */
    private final Map<ObjectId, List<MediaRef>> contents = new HashMap<>();

    MediaCommitter(Session session, LocalStore store, BackupOptions options, MediaPlan plan) {
        this.session = session;
        this.store = store;
        this.options = options;
        this.plan = plan;
    }

    /** Commits {@code landedObjects} (all objects of files whose upload finished) with the indexes listing them. */
    Result commit(Collection<ObjectId> landedObjects, Map<MediaKey, BackedUpMedia> have) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commitOnce(landedObjects, have);
            } catch (HeadMovedException e) {
                if (attempt >= MAX_ATTEMPTS)
                    throw new ClientException("other devices kept changing the vault: " + attempt + " media commits in a row lost "
                            + "the race; run the backup again", e);
                new Puller(session, store).pull(session.api().head());
                plan = MediaPlan.read(store);
                have.putAll(store.syncState().backedUpMedia());
            }
        }
    }

    private Result commitOnce(Collection<ObjectId> landedObjects, Map<MediaKey, BackedUpMedia> have) {
        SyncState sync = store.syncState();
        SyncState.Head current = sync.head().orElseThrow(() -> new ClientException("no vault head recorded: back up the text first"));
        Map<String, BackedUpConversation> conversations = new HashMap<>(sync.conversations());
        Map<String, List<MediaIndexRef>> recordedMedia = sync.allMediaIndexes();
        ObjectCodec codec = session.newCodec();
        RetentionHorizon horizon = Horizons.known(sync);

        // Pass 1: each conversation-month's refs from this store; which recorded indexes they replace.
        Map<String, Map<Integer, List<MediaRef>>> fresh = new HashMap<>();
        List<ObjectId> toRead = new ArrayList<>();
        for (Map.Entry<String, List<MediaPlan.Group>> e : plan.groupsByConversation().entrySet()) {
            if (!conversations.containsKey(e.getKey())) continue; // its text is not in the vault yet
            Map<Integer, MediaIndexRef> before = byMonth(recordedMedia.getOrDefault(e.getKey(), List.of()));
            for (MediaPlan.Group g : e.getValue()) {
                List<MediaRef> refs = refsOf(plan.groups().get(g), have);
                if (refs.isEmpty()) continue;
                fresh.computeIfAbsent(e.getKey(), k -> new TreeMap<>()).put(g.month(), refs);
                MediaIndexRef old = before.get(g.month());
                if (old != null && !contents.containsKey(old.id())) toRead.add(old.id());
            }
        }
        readContents(toRead);

        Set<ObjectId> added = new LinkedHashSet<>(landedObjects);
        Set<ObjectId> dropped = new LinkedHashSet<>();
        List<ConversationState> changed = new ArrayList<>();
        int written = 0;
        try (BatchUploader uploader = new BatchUploader(session.api(), options)) {
            for (Map.Entry<String, Map<Integer, List<MediaRef>>> e : fresh.entrySet()) {
                String conversationId = e.getKey();
                List<MediaIndexRef> before = recordedMedia.getOrDefault(conversationId, List.of());
                TreeMap<Integer, MediaIndexRef> after = new TreeMap<>(byMonth(before));
                for (Map.Entry<Integer, List<MediaRef>> m : e.getValue().entrySet()) {
                    MediaIndexRef old = after.get(m.getKey());
                    List<MediaRef> refs = old == null ? m.getValue() : union(contents.get(old.id()), m.getValue());
                    byte[] plain = new MediaIndex(conversationId, m.getKey(), refs).encode();
                    // Most indexes are unchanged each round: their id is enough to tell, no need to encrypt them.
                    MediaIndexRef ref = new MediaIndexRef(m.getKey(), codec.idOf(ObjectKind.MEDIA_INDEX, plain));
                    if (ref.equals(old)) continue;
                    contents.put(ref.id(), List.copyOf(new MediaIndex(conversationId, m.getKey(), refs).refs()));
                    uploader.add(codec.seal(ObjectKind.MEDIA_INDEX, m.getKey(), plain));
                    added.add(ref.id());
                    if (old != null) dropped.add(old.id());
                    after.put(m.getKey(), ref);
                    written++;
                }
                List<MediaIndexRef> media = new ArrayList<>(after.values());
                if (media.equals(before)) continue;
                Optional<Conversation> meta = store.conversation(conversationId);
                if (meta.isEmpty()) continue;
                BackedUpConversation conv = conversations.get(conversationId);
                ConversationIndex index = new ConversationIndex(meta.get(), sync.segments(conversationId), media,
                        store.metadataChangedAt(conversationId), store.tombstones(conversationId));
                SealedObject indexObject = codec.seal(ObjectKind.CONVERSATION_INDEX, 0, index.encode());
                uploader.add(indexObject);
                added.add(indexObject.id());
                dropped.add(conv.indexId());
                BackedUpConversation now = new BackedUpConversation(conversationId, indexObject.id(), conv.lastActivity(), conv.messageCount());
                conversations.put(conversationId, now);
                changed.add(new ConversationState(now, index.segments(), media, -1));
            }
            if (changed.isEmpty()) {
                uploader.flush();
                return new Result(current.version(), written, false);
            }
            SealedObject root = codec.seal(ObjectKind.ROOT_MANIFEST, 0, VaultRoots.next(current.version(), current.root(), conversations.values(), horizon).encode());
            uploader.add(root);
            uploader.flush();
            added.add(root.id());
            dropped.add(current.root());
            VaultHead head = new VaultHead(current.version(), current.root().hex(), null);
            long committed = HeadCommitter.commit(session.api(), head, root.id(), added, dropped);
            sync.recordSnapshot(new SyncState.Head(committed, root.id()), changed, List.of());
            Horizons.recordCommitted(sync, horizon);
            new HeadGuard(sync).remember(committed, root.id(), true);
            return new Result(committed, written, true);
        }
    }

    private void readContents(List<ObjectId> ids) {
        if (ids.isEmpty()) return;
        ObjectFetcher fetcher = new ObjectFetcher(session.api(), session.newCodec(), new AtomicLong());
        for (int i = 0; i < ids.size(); i += FETCH_IDS) {
            for (Map.Entry<ObjectId, byte[]> e : fetcher.open(ids.subList(i, Math.min(ids.size(), i + FETCH_IDS)), ObjectKind.MEDIA_INDEX).entrySet())
                contents.put(e.getKey(), MediaIndex.decode(e.getValue()).refs());
        }
    }

    /** The refs of both lists, once per (content id, role); this store's ref wins where both list one. */
    private static List<MediaRef> union(List<MediaRef> existing, List<MediaRef> mine) {
        Map<MediaKey, MediaRef> out = new LinkedHashMap<>();
        for (MediaRef r : existing) out.put(new MediaKey(r.contentId(), r.role()), r);
        for (MediaRef r : mine) out.put(new MediaKey(r.contentId(), r.role()), r);
        return new ArrayList<>(out.values());
    }

    private static Map<Integer, MediaIndexRef> byMonth(List<MediaIndexRef> refs) {
        Map<Integer, MediaIndexRef> out = new HashMap<>();
        for (MediaIndexRef r : refs) out.put(r.month(), r);
        return out;
    }

    /** The refs of one conversation-month: each file and thumbnail it uses that is in the vault, once. */
    private static List<MediaRef> refsOf(List<MediaUse> uses, Map<MediaKey, BackedUpMedia> have) {
        Map<MediaKey, MediaRef> refs = new LinkedHashMap<>();
        for (MediaUse u : uses) {
            BackedUpMedia file = have.get(new MediaKey(u.contentId(), MediaRef.Role.FILE));
            if (file != null) refs.putIfAbsent(new MediaKey(u.contentId(), MediaRef.Role.FILE), file.ref());
            if (u.thumbnailId() != null) {
                BackedUpMedia thumb = have.get(new MediaKey(u.thumbnailId(), MediaRef.Role.THUMBNAIL));
                if (thumb != null) refs.putIfAbsent(new MediaKey(u.thumbnailId(), MediaRef.Role.THUMBNAIL), thumb.ref());
            }
        }
        return new ArrayList<>(refs.values());
    }
}
