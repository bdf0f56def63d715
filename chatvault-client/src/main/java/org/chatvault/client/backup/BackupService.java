package org.chatvault.client.backup;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatvault.client.account.Session;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.client.local.DirtyConversation;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.SyncState;
import org.chatvault.client.local.SyncState.BackedUpConversation;
import org.chatvault.client.local.SyncState.ConversationState;
import org.chatvault.client.ClientException;
import org.chatvault.client.sync.HeadGuard;
import org.chatvault.client.sync.HeadMovedException;
import org.chatvault.client.sync.Horizons;
import org.chatvault.client.sync.Puller;
import org.chatvault.client.sync.VaultRoots;
import org.chatvault.core.format.ConversationIndex;
import org.chatvault.core.format.MediaIndexRef;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.core.format.RootManifest;
import org.chatvault.core.format.SealedObject;
import org.chatvault.core.format.SegmentRef;
import org.chatvault.core.format.Segmenter;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * Incremental backup of a LocalStore into the vault (DESIGN.md §4). Only conversations changed
 * since the last commit are re-encoded, and only from the first month a change touched; content
 * addressing makes everything else free. Safe to kill at any point: objects that landed are
 * found by {@code missing} next time, and the head moves only by one compare-and-swap commit.
 */
public final class BackupService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BackupService.class);
    private final Session session;
    private final LocalStore store;
    private final Clock clock;
    private final BackupOptions options;

    public BackupService(Session session, LocalStore store, Clock clock) {
        this(session, store, clock, BackupOptions.DEFAULT);
    }

    public BackupService(Session session, LocalStore store, Clock clock, BackupOptions options) {
        this.session = session;
        this.store = store;
        this.clock = clock;
        this.options = options;
    }

    /** Commits lost to other devices before a backup gives up: each loss means another device just wrote. */
    static final int MAX_ATTEMPTS = 8;

    /**
     * Pulls what other devices committed since this store's last known head, merges it, then
     * commits this store's changes by compare-and-swap; on a conflict, pulls and tries again.
     */
    public BackupReport run(BackupListener listener) {
        long started = clock.millis();
        Puller puller = new Puller(session, store);
        long merged = 0, pulledBytes = 0;
        for (int attempt = 1; ; attempt++) {
            VaultHead head = session.api().head();
            Puller.Report pulled = puller.pull(head);
            merged += pulled.messagesMerged();
            pulledBytes += pulled.bytesFetched();
            try {
                return push(head, listener, started, merged, pulledBytes);
            } catch (HeadMovedException e) {
                if (attempt >= MAX_ATTEMPTS)
                    throw new ClientException("other devices kept changing the vault: " + attempt + " commits in a row lost the race; "
                            + "run the backup again", e);
                log.info("head moved to version {} during the backup; pulling and trying again", e.version());
            }
        }
    }

    /** Commits this store's changes on top of {@code head}, which the store is in step with. */
    private BackupReport push(VaultHead head, BackupListener listener, long started, long merged, long pulledBytes) {
        SyncState sync = store.syncState();
        List<DirtyConversation> dirty = store.dirtyConversations();
        // History below the plan's horizon is neither uploaded nor listed as needed (docs/FORMAT.md §8.1);
        // a horizon that moved up is written into a new root even when nothing else changed.
        RetentionHorizon horizon = Horizons.learn(sync, head, clock.millis());
        boolean horizonMoved = horizon.keptFrom() > Horizons.committed(sync);
        if (dirty.isEmpty() && head.version() > 0 && !horizonMoved)
            return new BackupReport(head.version(), 0, 0, 0, 0, 0, 0, merged, pulledBytes, Duration.ofMillis(clock.millis() - started));

        Map<String, BackedUpConversation> before = sync.conversations();
        Map<String, BackedUpConversation> after = new HashMap<>(before);
        Set<ObjectId> added = new LinkedHashSet<>();
        Set<ObjectId> dropped = new LinkedHashSet<>();
        List<ConversationState> changed = new ArrayList<>(dirty.size());
        ObjectCodec codec = session.newCodec();
        long[] messages = {0};
        int[] encoded = {0};
        // Read before the change reader starts: it holds the store while it streams messages.
        Map<String, List<MediaIndexRef>> mediaIndexes = sync.allMediaIndexes();
        listener.started(dirty.size());
        ObjectId root;
        long uploadedObjects, uploadedBytes, skipped;
        // Four stages on their own threads: the reader (SQLite), this thread (segment cuts), the
        // sealers (zstd, AES-GCM), the uploader (HTTP). Sealed objects come back here in reading
        // order, so the batches, indexes and root are those of a sequential run.
        try (BatchUploader uploader = new BatchUploader(session.api(), options);
             ParallelSealer sealer = new ParallelSealer(session::newCodec, ParallelSealer.defaultWorkers(), SEAL_WINDOW);
             ChangeReader reader = new ChangeReader(store, dirty, horizon.keptFrom())) {
            OpenConversation open = null;
            for (ChangeReader.Item item = reader.take(); !(item instanceof ChangeReader.Finished); item = reader.take()) {
                switch (item) {
                    case ChangeReader.Start start -> {
                        OpenConversation conv = new OpenConversation(start);
                        // Cut here, on this thread, while the reader reads on: the cut is a pure
                        // function of the messages, so the segments are those of a one-thread run.
                        conv.segmenter = new Segmenter(start.conversation().id(), draft -> {
                            List<SegmentRef> segments = conv.segments;
                            int plainSize = draft.plaintext().length;
                            sealer.seal(ObjectKind.SEGMENT, draft.month(), draft.plaintext(), o -> {
                                uploader.add(o);
                                segments.add(new SegmentRef(o.id(), draft.month(), draft.firstSentAt(), draft.lastSentAt(), draft.count(), plainSize));
                            });
                            conv.count += draft.count();
                            encoded[0]++;
                        });
                        open = conv;
                    }
                    case ChangeReader.Messages(List<Message> chunk) -> {
                        for (Message m : chunk) open.segmenter.add(m);
                    }
                    case ChangeReader.End end -> {
                        OpenConversation done = open;
                        done.segmenter.finish();
                        sealer.then(() -> {
                            Conversation conv = done.start.conversation();
                            List<SegmentRef> segments = done.segments;
                            // Media indexes are written by the media backup; a text change keeps them as they are.
                            List<MediaIndexRef> media = mediaIndexes.getOrDefault(conv.id(), List.of());
                            ConversationIndex index = new ConversationIndex(conv, segments, media, done.start.metadataChangedAt(), done.start.tombstones());
                            SealedObject indexObject = codec.seal(ObjectKind.CONVERSATION_INDEX, 0, index.encode());
                            uploader.add(indexObject);
                            long lastActivity = segments.isEmpty() ? 0 : segments.getLast().lastSentAt();
                            BackedUpConversation now = new BackedUpConversation(conv.id(), indexObject.id(), lastActivity, index.messageCount());
                            after.put(conv.id(), now);
                            changed.add(new ConversationState(now, segments, media, done.start.dirty().changeSeq()));
                            diff(done.start.old(), segments, before.get(conv.id()), indexObject.id(), added, dropped);
                            messages[0] += done.count;
                            listener.conversationDone(done.count);
                        });
                    }
                    default -> throw new IllegalStateException("unexpected " + item);
                }
            }
            sealer.finish();
            if (head.version() > 0 && after.equals(before) && !horizonMoved) {
                // Re-encoding gave the objects the head already lists: nothing to commit.
                uploader.flush();
                sync.recordSnapshot(sync.head().orElseThrow(), changed, List.of());
                return new BackupReport(head.version(), 0, messages[0], encoded[0], uploader.uploadedObjects(), uploader.uploadedBytes(),
                        uploader.skippedObjects(), merged, pulledBytes, Duration.ofMillis(clock.millis() - started));
            }
            ObjectId baseRoot = head.root() == null ? null : ObjectId.parse(head.root());
            RootManifest manifest = VaultRoots.next(head.version(), baseRoot, after.values(), horizon);
            SealedObject rootObject = codec.seal(ObjectKind.ROOT_MANIFEST, 0, manifest.encode());
            uploader.add(rootObject);
            uploader.flush();
            root = rootObject.id();
            uploadedObjects = uploader.uploadedObjects();
            uploadedBytes = uploader.uploadedBytes();
            skipped = uploader.skippedObjects();
            log.debug("backup uploads: {}", uploader.timings());
        }
        added.add(root);
        if (head.root() != null) dropped.add(ObjectId.parse(head.root()));
        long version = HeadCommitter.commit(session.api(), head, root, added, dropped);
        sync.recordSnapshot(new SyncState.Head(version, root), changed, List.of());
        Horizons.recordCommitted(sync, horizon);
        new HeadGuard(sync).remember(version, root, true);
        return new BackupReport(version, changed.size(), messages[0], encoded[0], uploadedObjects, uploadedBytes, skipped, merged, pulledBytes,
                Duration.ofMillis(clock.millis() - started));
    }

    /** Segments sealed at once, at most: 256 KiB of plaintext each, so a few MiB of heap. */
    static final int SEAL_WINDOW = 16;

    /** A conversation being re-encoded: its start, its segmenter, its segments as they come back sealed, its message count. */
    private static final class OpenConversation {
        final ChangeReader.Start start;
        final List<SegmentRef> segments;
        Segmenter segmenter;
        long count;

        OpenConversation(ChangeReader.Start start) {
            this.start = start;
            this.segments = new ArrayList<>(start.kept());
        }
    }

    private static void diff(List<SegmentRef> oldSegments, List<SegmentRef> newSegments, BackedUpConversation oldConv, ObjectId newIndex,
                             Set<ObjectId> added, Set<ObjectId> dropped) {
        Set<ObjectId> oldIds = new HashSet<>();
        for (SegmentRef s : oldSegments) oldIds.add(s.id());
        Set<ObjectId> newIds = new HashSet<>();
        for (SegmentRef s : newSegments) {
            newIds.add(s.id());
            if (!oldIds.contains(s.id())) added.add(s.id());
        }
        for (ObjectId id : oldIds) if (!newIds.contains(id)) dropped.add(id);
        if (oldConv == null || !oldConv.indexId().equals(newIndex)) {
            added.add(newIndex);
            if (oldConv != null) dropped.add(oldConv.indexId());
        }
    }
}
