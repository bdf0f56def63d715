package org.chatvault.client.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.chatvault.client.local.SyncState;
import org.chatvault.core.format.MediaRef;
import org.chatvault.core.model.Conversation;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.account.Session;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.protocol.vault.VaultHead;
import java.time.Clock;
import org.chatvault.client.sync.ExpiredHistory;
import org.chatvault.client.sync.HeadGuard;
import org.chatvault.client.sync.Horizons;
import org.chatvault.client.vault.ObjectFetcher;
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
 * Checks that every object the head references exists, authenticates, decodes and agrees with
 * what references it. Problems are collected, not thrown, so one bad object does not hide others.
 */
public final class VerifyService {
    private static final int BATCH = 500;
    private final Session session;
    private final org.chatvault.client.local.LocalStore names;
    private final VerifyOptions options;
    private final Clock clock;
    /** The retention horizon of this run: what lies below it expired under the plan and is not checked. */
    private RetentionHorizon horizon = RetentionHorizon.NONE;

    public VerifyService(Session session) { this(session, null, VerifyOptions.STRUCTURE); }

    /** @param names a LocalStore to name messages and files in problems with, or null */
    public VerifyService(Session session, org.chatvault.client.local.LocalStore names, VerifyOptions options) {
        this(session, names, options, Clock.systemUTC());
    }

    /** @param clock when this device learns a retention horizon the server announces */
    public VerifyService(Session session, org.chatvault.client.local.LocalStore names, VerifyOptions options, Clock clock) {
        this.session = session;
        this.names = names;
        this.options = options;
        this.clock = clock;
    }

    public VerifyReport run() {
        AtomicLong bytes = new AtomicLong();
        org.chatvault.core.format.ObjectCodec codec = session.newCodec();
        ObjectFetcher fetcher = new ObjectFetcher(session.api(), codec, bytes);
        VaultHead head = session.api().head();
        List<String> problems = new ArrayList<>();
        HeadGuard guard = names == null ? null : new HeadGuard(names.syncState());
        if (guard != null) guard.checkHead(head);
        if (head.version() == 0) return new VerifyReport(0, 0, 0, 0, 0, 0, 0, problems, pending(Map.of()), List.of(), horizon);
        RootManifest root;
        try {
            root = fetcher.root(ObjectId.parse(head.root()));
        } catch (CorruptDataException | ServerRefusedException e) {
            problems.add("root manifest " + head.root() + ": " + e.getMessage());
            return new VerifyReport(head.version(), 0, 0, 0, 0, 0, bytes.get(), problems, List.of(), List.of(), horizon);
        }
        if (guard != null) {
            guard.checkRoot(head, root);
            guard.remember(head.version(), ObjectId.parse(head.root()), root.version() > 0);
            horizon = Horizons.learn(names.syncState(), root, head, clock.millis());
        } else {
            horizon = root.horizon().advancedTo(head.keptFromMonth(), clock.millis());
        }
        List<ExpiredHistory> expired = new ArrayList<>();
        long segments = 0, messages = 0;
        List<ConversationIndex> indexes = new ArrayList<>();
        // Per conversation, how many of this device's messages the vault lacks (or holds an older edit of).
        Map<String, Long> notInVault = new HashMap<>();
        for (RootManifest.Entry e : root.conversations()) {
            ConversationIndex idx;
            try {
                idx = ConversationIndex.decode(fetcher.openOne(e.indexId(), ObjectKind.CONVERSATION_INDEX));
            } catch (CorruptDataException | ServerRefusedException ex) {
                problems.add("conversation " + e.conversationId() + ", index " + e.indexId() + ": " + ex.getMessage());
                continue;
            }
            indexes.add(idx);
            if (idx.messageCount() != e.messageCount())
                problems.add("conversation " + e.conversationId() + ": root says " + e.messageCount() + " messages, index says " + idx.messageCount());
            ExpiredHistory gone = ExpiredHistory.of(idx, horizon);
            if (gone != null) expired.add(gone);
            List<SegmentRef> segs = horizon.kept(idx.segments());
            // Each message of this conversation in the vault and its edit time; one conversation at a time.
            Map<String, Long> seen = names == null ? null : new HashMap<>();
            for (int i = 0; i < segs.size(); i += BATCH) {
                List<SegmentRef> group = segs.subList(i, Math.min(segs.size(), i + BATCH));
                java.util.Map<ObjectId, byte[]> bodies = fetchRaw(group.stream().map(SegmentRef::id).toList(), bytes);
                for (SegmentRef s : group) {
                    segments++;
                    messages += check(codec, bodies.get(s.id()), idx, s, problems, seen);
                }
            }
            if (seen != null) notInVault.put(e.conversationId(), notBackedUp(e.conversationId(), seen));
        }
        MediaVerifier media = new MediaVerifier(fetcher, names, options, problems);
        media.verify(indexes, horizon);
        return new VerifyReport(head.version(), root.conversations().size(), segments, messages, media.files, media.objectsRead,
                bytes.get(), problems, problems.isEmpty() ? pending(notInVault) : List.of(), expired, horizon);
    }

    /** Bodies by id; an object the server does not have is simply absent from the map. */
    private java.util.Map<ObjectId, byte[]> fetchRaw(List<ObjectId> ids, AtomicLong bytes) {
        java.util.Map<ObjectId, byte[]> out = new java.util.HashMap<>();
        try {
            session.api().fetch(ids, f -> { bytes.addAndGet(f.body().length); out.put(f.id(), f.body()); });
        } catch (ServerRefusedException | org.chatvault.client.http.TransportException e) {
            // Any failure of the batch (a missing or unreadable object, a stream cut short): check
            // object by object, so every affected one is named and the others still count as fine.
            if (e instanceof ServerRefusedException a && (a.status() == 401 || a.status() == 429)) throw e;
            for (ObjectId id : ids) {
                if (out.containsKey(id)) continue;
                try {
                    session.api().fetch(List.of(id), f -> { bytes.addAndGet(f.body().length); out.put(f.id(), f.body()); });
                } catch (ServerRefusedException one) {
                    if (one.status() != 404) throw one;
                }
            }
        }
        return out;
    }

    /**
     * This device's messages and files that the head lacks, per conversation (only asked when the
     * vault itself is intact: with damage, "not in the vault" would mix the two).
     */
    private List<Pending> pending(Map<String, Long> notInVault) {
        if (names == null) return List.of();
        Map<SyncState.MediaKey, SyncState.BackedUpMedia> media = names.syncState().backedUpMedia();
        Map<String, long[]> files = new HashMap<>();
        names.forEachMediaUse(u -> {
            if (horizon.expiredAt(u.sentAt())) return; // expired under the plan: never going up again
            boolean here = names.media().has(u.contentId());
            if (here && !media.containsKey(new SyncState.MediaKey(u.contentId(), MediaRef.Role.FILE)))
                files.computeIfAbsent(u.conversationId(), k -> new long[1])[0]++;
        });
        List<Pending> out = new ArrayList<>();
        for (Conversation c : names.conversations()) {
            // A conversation the vault does not list at all: everything in it is pending.
            long n = notInVault.containsKey(c.id()) ? notInVault.get(c.id()) : notBackedUp(c.id(), Map.of());
            long f = files.containsKey(c.id()) ? files.get(c.id())[0] : 0;
            if (n > 0 || f > 0) out.add(new Pending(c.id(), c.title(), n, f));
        }
        return out;
    }

    /** This device's messages of a conversation that the vault lacks or holds an older edit of. */
    private long notBackedUp(String conversationId, Map<String, Long> inVault) {
        long[] n = {0};
        names.forEachMessage(conversationId, Long.MIN_VALUE, m -> {
            if (m.ephemeral() || horizon.expiredAt(m.sentAt())) return;
            Long edited = inVault.get(m.sentAt() + "\u001f" + m.id());
            long mine = m.editedAt() == null ? Long.MIN_VALUE : m.editedAt();
            if (edited == null || edited < mine) n[0]++;
        });
        return n[0];
    }

    private static long check(org.chatvault.core.format.ObjectCodec codec, byte[] body, ConversationIndex idx, SegmentRef s, List<String> problems,
                              Map<String, Long> seen) {
        String where = "conversation " + idx.conversation().id() + " (" + idx.conversation().title() + "), segment " + s.id()
                + " [" + s.month() + ", " + s.count() + " messages]";
        if (body == null) {
            problems.add(where + ": missing on the server");
            return 0;
        }
        try {
            SegmentCodec.Segment seg = SegmentCodec.decode(codec.open(s.id(), ObjectKind.SEGMENT, body));
            List<Message> ms = seg.messages();
            if (seen != null)
                for (Message m : ms) seen.merge(m.sentAt() + "\u001f" + m.id(), m.editedAt() == null ? Long.MIN_VALUE : m.editedAt(), Math::max);
            if (!seg.conversationId().equals(idx.conversation().id())) problems.add(where + ": belongs to conversation " + seg.conversationId());
            else if (ms.size() != s.count()) problems.add(where + ": holds " + ms.size() + " messages, index says " + s.count());
            else if (!ms.isEmpty() && (ms.getFirst().sentAt() != s.firstSentAt() || ms.getLast().sentAt() != s.lastSentAt()))
                problems.add(where + ": time range differs from the index");
            return ms.size();
        } catch (CorruptDataException e) {
            problems.add(where + ": " + e.getMessage());
            return 0;
        }
    }
}
