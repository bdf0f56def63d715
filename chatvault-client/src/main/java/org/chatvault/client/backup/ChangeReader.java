package org.chatvault.client.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chatvault.client.ClientException;
import org.chatvault.client.local.DirtyConversation;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.format.Months;
import org.chatvault.core.format.SegmentRef;
import org.chatvault.core.format.Tombstones;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * Reads changed conversations from the LocalStore on its own thread, so that reading SQLite,
 * cutting segments (the consumer) and sealing (zstd, AES-GCM, on workers) run at once. The
 * consumer takes {@link Item}s in order: a {@link Start}, that conversation's messages in chunks,
 * an {@link End}.
 */
final class ChangeReader implements AutoCloseable {
    sealed interface Item {}

    /**
     * A conversation begins; {@code kept} are its backed-up segments before the first changed
     * month, {@code metadataChangedAt} and {@code tombstones} its metadata time and deletions (read here: this thread holds the store meanwhile).
     */
    record Start(DirtyConversation dirty, Conversation conversation, List<SegmentRef> old, List<SegmentRef> kept,
                 long metadataChangedAt, Tombstones tombstones) implements Item {}

    /** The next messages of the conversation, in (time, id) order, from where its re-encoding starts. */
    record Messages(List<Message> messages) implements Item {}

    record End() implements Item {}

    record Finished() implements Item {}

    private record Failed(Throwable cause) implements Item {}

    static final int SEALED_BYTES = 32 * 1024;
    /** Messages handed over at once: few enough hand-overs, and with the queue's 64 slots some 16,000 messages read ahead at most. */
    static final int CHUNK = 256;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(64);
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param keptFrom the retention horizon (docs/FORMAT.md §8.1), 0 for none: messages of earlier
     *                 months are not read, and the segments of those months are kept as they are
     */
    ChangeReader(LocalStore store, List<DirtyConversation> dirty, int keptFrom) {
        thread = Thread.ofPlatform().name("chatvault-backup-read").daemon().start(() -> {
            try {
                for (DirtyConversation d : dirty) {
                    Conversation conv = store.conversation(d.conversationId())
                            .orElseThrow(() -> new ClientException("conversation " + d.conversationId() + " vanished during backup"));
                    List<SegmentRef> old = store.syncState().segments(conv.id());
                    if (d.dirtySince() == Long.MAX_VALUE) {
                        put(new Start(d, conv, old, old, store.metadataChangedAt(conv.id()), store.tombstones(conv.id())));
                    } else {
                        List<SegmentRef> kept = kept(old, d.dirtySince(), keptFrom);
                        // From the change or the first segment not kept, whichever is earlier: a
                        // message that arrives late can be older than every segment. Never from an
                        // expired month: that history is neither re-encoded nor uploaded again.
                        long from = kept.size() == old.size() ? d.dirtySince() : Math.min(d.dirtySince(), old.get(kept.size()).firstSentAt());
                        if (keptFrom != 0) from = Math.max(from, Months.start(keptFrom));
                        put(new Start(d, conv, old, kept, store.metadataChangedAt(conv.id()), store.tombstones(conv.id())));
                        Chunker chunker = new Chunker();
                        store.forEachMessage(conv.id(), from, chunker::add);
                        chunker.flush();
                    }
                    put(new End());
                }
                put(new Finished());
            } catch (Stopped s) {
                // the consumer gave up; nothing more to do
            } catch (Throwable t) {
                queue.clear();
                queue.offer(new Failed(t));
            }
        });
    }

    /**
     * The segments an incremental backup leaves as they are: the longest prefix of segments that
     * end before the first change and are either in an earlier month or at least
     * {@link #SEALED_BYTES}. A small segment at the end is the conversation's open tail: new
     * messages are merged into it, so a day of messages costs kilobytes, not a rewrite of 256 KiB.
     * Segments of months before {@code keptFrom} (the retention horizon, 0 for none) are always
     * kept: they expired under the plan, and the index goes on naming them as expired.
     */
    static List<SegmentRef> kept(List<SegmentRef> old, long dirtySince, int keptFrom) {
        int dirtyMonth = dirtySince == Long.MIN_VALUE ? Integer.MIN_VALUE : Months.of(dirtySince);
        List<SegmentRef> kept = new ArrayList<>();
        for (SegmentRef s : old) {
            boolean expired = s.month() < keptFrom;
            if (!expired && (dirtySince == Long.MIN_VALUE || s.lastSentAt() >= dirtySince
                    || (s.month() >= dirtyMonth && s.plainSize() < SEALED_BYTES))) break;
            kept.add(s);
        }
        return kept;
    }

    /** The next item; rethrows whatever stopped the reader. */
    Item take() {
        try {
            Item item = queue.take();
            if (item instanceof Failed f) {
                if (f.cause() instanceof RuntimeException r) throw r;
                throw new ClientException("reading the local store failed: " + f.cause().getMessage(), f.cause());
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted", e);
        }
    }

    private static final class Stopped extends RuntimeException {
        Stopped() { super(null, null, false, false); }
    }

    /** Hands the messages over {@link #CHUNK} at a time. */
    private final class Chunker {
        private List<Message> chunk = new ArrayList<>(CHUNK);

        void add(Message m) {
            chunk.add(m);
            if (chunk.size() == CHUNK) flush();
        }

        void flush() {
            if (chunk.isEmpty()) return;
            put(new Messages(chunk));
            chunk = new ArrayList<>(CHUNK);
        }
    }

    private void put(Item item) {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (stopped) throw new Stopped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    @Override public void close() {
        stopped = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
