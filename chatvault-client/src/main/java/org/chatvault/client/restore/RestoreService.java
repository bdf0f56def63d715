package org.chatvault.client.restore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.ClientException;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.client.local.ConversationSelector;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.SyncState;
import org.chatvault.client.local.SyncState.BackedUpConversation;
import org.chatvault.client.local.SyncState.ConversationState;
import org.chatvault.client.sync.ExpiredHistory;
import org.chatvault.client.sync.HeadGuard;
import org.chatvault.client.sync.Horizons;
import org.chatvault.client.sync.IndexReader;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.client.vault.ObjectSource;
import org.chatvault.client.vault.VaultReader;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.format.ConversationIndex;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.RetentionHorizon;
import org.chatvault.core.format.RootManifest;
import org.chatvault.core.format.SegmentCodec;
import org.chatvault.core.format.SegmentRef;
import org.chatvault.core.model.Message;

/**
 * Progressive restore (DESIGN.md §6): root manifest, then the newest conversations' tail segments
 * in one batch (first screen), then the rest of the text newest to oldest. Each segment's
 * messages and its "done" mark are written in one transaction, so a restore killed at any point
 * resumes without refetching what it already applied. It reads through a {@link VaultReader}: the
 * server's objects with a session, or an archive file's with no server at all.
 */
public record RestoreService(VaultReader vault, LocalStore store, Clock clock) {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RestoreService.class);
    public static final int FIRST_SCREEN_CONVERSATIONS = 20;
    public static final int FIRST_SCREEN_MESSAGES = 50;
    /*
     * Segments written per transaction. A group spans many conversations, so its rows land all over
     * the clustered message table, and each commit writes every page it touched again: at 8 MiB a
     * 2,000,000-message restore wrote 3.1 GB for a 476 MB database, at 32 MiB 2.0 GB (and its
     * decoded rows still fit the heap easily). A crash loses at most one group's work.
     */
    private static final long GROUP_PLAIN_BYTES = 32L * 1024 * 1024;
    private static final int INDEX_BATCH = 2_000;

    public RestoreReport run(RestoreListener listener) {
        return run(List.of(), listener);
    }

    /**
     * Restores the text of only the conversations named in {@code only} (by id, title or part of a
     * title, see {@link ConversationSelector}; empty: all), newest first. Every conversation's index
     * is still read, for the titles to choose by and so this device records the vault's head as a
     * whole restore would: the conversations it did not restore stay in the vault as they are (a
     * backup carries them on unchanged), and a later restore fetches only what is still missing.
     */
    public RestoreReport run(List<String> only, RestoreListener listener) {
        long started = clock.millis();
        AtomicLong bytes = new AtomicLong();
        ObjectSource source = vault.objects();
        ObjectFetcher fetcher = new ObjectFetcher(source, vault.newCodec(), bytes);
        VaultHead head = source.head();
        HeadGuard guard = new HeadGuard(store.syncState());
        guard.checkHead(head);
        if (head.version() == 0) return new RestoreReport(0, 0, 0, 0, null, 0, Duration.ZERO, 0, Duration.ZERO, List.of(), List.of(),
                RetentionHorizon.NONE, List.of());
        ObjectId rootId = ObjectId.parse(head.root());
        SyncState sync = store.syncState();
        if (!rootId.hex().equals(sync.meta("restore.root"))) {
            sync.clearRestoredSegments();
            sync.setMeta("restore.root", rootId.hex());
        }
        Set<ObjectId> done = sync.restoredSegments();
        RootManifest root = fetcher.root(rootId);
        guard.checkRoot(head, root);
        // History below the horizon expired under the plan: not fetched, named per conversation instead.
        RetentionHorizon horizon = Horizons.learn(sync, root, head, clock.millis());
        List<RootManifest.Entry> entries = new ArrayList<>(root.conversations());
        entries.sort(Comparator.comparingLong(RootManifest.Entry::lastActivity).reversed().thenComparing(RootManifest.Entry::conversationId));
        Map<String, ConversationIndex> indexes = new HashMap<>();
        List<Unrestored> lost = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RootManifest.Entry> chosen = entries;
        if (!only.isEmpty()) {
            fetchIndexes(fetcher, entries, indexes, lost);
            Set<String> ids = new HashSet<>(ConversationSelector.resolve(indexes.values().stream().map(ConversationIndex::conversation).toList(), only));
            chosen = entries.stream().filter(e -> ids.contains(e.conversationId())).toList();
        }
        // The chosen conversations' ids, in restore order: what the report names, what is recorded, what counts as lost.
        Set<String> chosenIds = new java.util.LinkedHashSet<>();
        for (RootManifest.Entry e : chosen) chosenIds.add(e.conversationId());
        long total = chosen.stream().mapToLong(RootManifest.Entry::messageCount).sum();
        listener.started(total);

        // Stage 1: first screen.
        List<RootManifest.Entry> first = chosen.subList(0, Math.min(FIRST_SCREEN_CONVERSATIONS, chosen.size()));
        if (only.isEmpty()) fetchIndexes(fetcher, first, indexes, lost);
        List<SegmentRef> tails = new ArrayList<>();
        for (RootManifest.Entry e : first) {
            if (!indexes.containsKey(e.conversationId())) continue;
            List<SegmentRef> segs = horizon.kept(indexes.get(e.conversationId()).segments());
            int n = 0;
            for (int i = segs.size() - 1; i >= 0 && n < FIRST_SCREEN_MESSAGES; i--) {
                tails.add(segs.get(i));
                n += segs.get(i).count();
            }
        }
        long[] restored = {0};
        Map<ObjectId, String> segmentOwner = new HashMap<>();
        addOwners(indexes, segmentOwner);
        long segmentsFetched = applySegments(fetcher, tails, done, restored, listener, true, lost, indexes, segmentOwner);
        Duration firstScreen = Duration.ofMillis(clock.millis() - started);
        long bytesFirst = bytes.get();
        listener.firstScreenReady(firstScreen, bytesFirst, first.size(), restored[0]);

        // Stage 2: every other conversation's index, then all remaining text newest to oldest.
        if (only.isEmpty()) fetchIndexes(fetcher, entries.subList(first.size(), entries.size()), indexes, lost);
        addOwners(indexes, segmentOwner);
        List<SegmentRef> rest = new ArrayList<>();
        for (RootManifest.Entry e : chosen) {
            ConversationIndex idx = indexes.get(e.conversationId());
            if (idx != null) rest.addAll(horizon.kept(idx.segments()));
        }
        rest.sort(Comparator.comparingLong(SegmentRef::lastSentAt).reversed());
        segmentsFetched += applySegments(fetcher, rest, done, restored, listener, false, lost, indexes, segmentOwner);

        // The new device is now in step with the head: its next backup is incremental.
        List<ConversationState> states = new ArrayList<>(entries.size());
        for (RootManifest.Entry e : entries) {
            // A conversation whose index is unreadable stays in the vault as it is: recorded without
            // segments, it is carried into the next root unchanged.
            ConversationIndex idx = indexes.get(e.conversationId());
            states.add(new ConversationState(new BackedUpConversation(e.conversationId(), e.indexId(), e.lastActivity(), e.messageCount()),
                    idx == null ? List.of() : idx.segments(), idx == null ? List.of() : idx.media(), -1));
        }
        if (only.isEmpty()) {
            List<String> removed = new ArrayList<>(sync.conversations().keySet());
            for (RootManifest.Entry e : entries) removed.remove(e.conversationId());
            sync.recordHead(new SyncState.Head(head.version(), rootId), states, removed);
        } else {
            recordChosen(sync, new SyncState.Head(head.version(), rootId), states, chosenIds);
        }
        Horizons.recordCommitted(sync, root.horizon());
        guard.remember(head.version(), rootId, root.version() > 0);
        Duration allText = Duration.ofMillis(clock.millis() - started);
        listener.allTextRestored(allText);

        // Stage 3: the search index for the bulk of history, which the first screen did not need.
        listener.indexing(store.pendingSearchIndex());
        store.buildSearchIndex(listener::indexed);
        Duration searchable = Duration.ofMillis(clock.millis() - started);
        List<ExpiredHistory> expired = new ArrayList<>();
        for (RootManifest.Entry e : chosen) {
            ConversationIndex idx = indexes.get(e.conversationId());
            ExpiredHistory x = idx == null ? null : ExpiredHistory.of(idx, horizon);
            if (x != null) expired.add(x);
        }
        // A conversation not asked for is not reported as lost here: the restore that asks for it does.
        List<Unrestored> lostAsked = lost.stream().filter(u -> chosenIds.contains(u.conversationId())).toList();
        return new RestoreReport(head.version(), chosen.size(), store.messageCount(), segmentsFetched, firstScreen, bytesFirst, allText,
                bytes.get(), searchable, lostAsked, expired, horizon, List.copyOf(chosenIds));
    }

    /**
     * After a restore of some conversations: this device now holds those as the head has them
     * (their segments and media indexes recorded, so their media can follow and a backup does not
     * resend them), but not the others. So it must not count as in step with the head: a backup
     * written from here would re-encode a conversation it lacks from the few messages it has. Its
     * head stays the one it had (none on a new device: version 0), which makes its next backup or
     * sync first merge the conversations it lacks, as after a restore that was stopped.
     */
    private void recordChosen(SyncState sync, SyncState.Head head, List<ConversationState> states, Set<String> ids) {
        java.util.Optional<SyncState.Head> before = sync.head();
        store.inTransaction(() -> {
            sync.recordSnapshot(head, states.stream().filter(st -> ids.contains(st.conversation().conversationId())).toList(), List.of());
            sync.setMeta("head.version", Long.toString(before.map(SyncState.Head::version).orElse(0L)));
            sync.setMeta("head.root", before.map(SyncState.Head::root).orElse(head.root()).hex());
        });
    }

    /** Which conversation each segment belongs to, so a segment is checked against it when opened. */
    private static void addOwners(Map<String, ConversationIndex> indexes, Map<ObjectId, String> owners) {
        for (ConversationIndex idx : indexes.values()) for (SegmentRef s : idx.segments()) owners.put(s.id(), idx.conversation().id());
    }

    /** Reads indexes; one that cannot be read costs its conversation, named in {@code lost}, not the restore. */
    private void fetchIndexes(ObjectFetcher fetcher, List<RootManifest.Entry> entries, Map<String, ConversationIndex> out,
                              List<Unrestored> lost) {
        IndexReader.read(store, fetcher, entries, out, (e, why) -> lost.add(new Unrestored(e.conversationId(),
                store.conversation(e.conversationId()).map(org.chatvault.core.model.Conversation::title).orElse(e.conversationId()),
                0, e.messageCount(), "its index " + e.indexId() + " is " + why)));
    }

    /** A group of decoded segments ready to write. */
    private record Decoded(List<Message> messages, List<ObjectId> ids) {}

    private static final Decoded END = new Decoded(List.of(), List.of());

    /**
     * Fetches and decodes on a background thread while this thread writes to SQLite, so the
     * network, the decryption and the database work overlap.
     */
    private long applySegments(ObjectFetcher fetcher, List<SegmentRef> segments, Set<ObjectId> done, long[] restored,
                               RestoreListener listener, boolean searchableNow, List<Unrestored> lost,
                               Map<String, ConversationIndex> indexes, Map<ObjectId, String> owner) {
        List<List<SegmentRef>> groups = new ArrayList<>();
        List<SegmentRef> group = new ArrayList<>();
        long groupBytes = 0;
        for (SegmentRef s : segments) {
            if (!done.add(s.id())) continue;
            group.add(s);
            groupBytes += s.plainSize();
            if (groupBytes >= GROUP_PLAIN_BYTES) {
                groups.add(group);
                group = new ArrayList<>();
                groupBytes = 0;
            }
        }
        if (!group.isEmpty()) groups.add(group);
        if (groups.isEmpty()) return 0;

        BlockingQueue<Decoded> queue = new ArrayBlockingQueue<>(2);
        Throwable[] failure = {null};
        Thread producer = Thread.ofPlatform().name("chatvault-restore-fetch").daemon().start(() -> {
            try {
                for (List<SegmentRef> g : groups) {
                    ObjectFetcher.Available got = fetcher.openAvailable(g.stream().map(SegmentRef::id).toList(), ObjectKind.SEGMENT);
                    List<Message> msgs = new ArrayList<>();
                    List<ObjectId> applied = new ArrayList<>();
                    for (SegmentRef s : g) {
                        byte[] p = got.opened().get(s.id());
                        String why = got.unreadable().get(s.id());
                        if (p != null) {
                            try {
                                SegmentCodec.Segment seg = SegmentCodec.decode(p);
                                if (!seg.conversationId().equals(owner.get(s.id())))
                                    throw new CorruptDataException("it belongs to conversation " + seg.conversationId());
                                msgs.addAll(seg.messages());
                                applied.add(s.id());
                                continue;
                            } catch (CorruptDataException e) {
                                why = "damaged: " + e.getMessage();
                            }
                        }
                        ConversationIndex idx = indexes.get(owner.get(s.id()));
                        lost.add(new Unrestored(idx.conversation().id(), idx.conversation().title(), s.month(), s.count(),
                                "segment " + s.id() + " is " + (why == null ? "not fetched" : why)));
                    }
                    // Sorted here, on the fetching thread, so the writer fills pages in key order.
                    msgs.sort(SyncState.KEY_ORDER);
                    queue.put(new Decoded(msgs, applied));
                }
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        long n = 0, waited = 0, writing = 0;
        try {
            while (true) {
                long t0 = System.nanoTime();
                Decoded d = queue.take();
                long t1 = System.nanoTime();
                waited += t1 - t0;
                if (d == END) break;
                store.syncState().applyRestoredSegments(d.messages(), d.ids(), searchableNow);
                n += d.ids().size();
                restored[0] += d.messages().size();
                listener.messagesRestored(d.messages().size());
                writing += System.nanoTime() - t1;
            }
            producer.join();
            log.debug("restored {} segments: writer waited {} ms for the network, wrote for {} ms", n, waited / 1_000_000, writing / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("restore interrupted", e);
        }
        if (failure[0] instanceof RuntimeException r) throw r;
        if (failure[0] != null) throw new ClientException("restore failed: " + failure[0].getMessage(), failure[0]);
        return n;
    }
}
