package org.chatvault.core.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Deliberate deletions in one conversation (docs/FORMAT.md §7.1, docs/SYNC.md §4): every message
 * sent before {@code clearedBefore} (epoch ms; {@link Long#MIN_VALUE} for none) is deleted, and so
 * is each listed message. Deletions only accumulate: merging two sets keeps the later horizon and
 * every listed message, so a deletion on one device is never undone by another.
 */
public record Tombstones(long clearedBefore, List<Deleted> messages) {
    public static final Tombstones NONE = new Tombstones(Long.MIN_VALUE, List.of());

    /** One deleted message, by its send time and id. */
    public record Deleted(long sentAt, String id) {
        public Deleted {
            Objects.requireNonNull(id, "id");
        }
    }

    /** (sentAt, id as UTF-8 bytes): one canonical order, so equal sets encode to equal bytes. */
    static final Comparator<Deleted> ORDER = Comparator.comparingLong(Deleted::sentAt)
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.id().getBytes(StandardCharsets.UTF_8), b.id().getBytes(StandardCharsets.UTF_8)));

    /** Sorts, drops duplicates and messages the horizon already covers. */
    public Tombstones {
        List<Deleted> sorted = new ArrayList<>();
        for (Deleted d : messages) if (d.sentAt() >= clearedBefore) sorted.add(d);
        sorted.sort(ORDER);
        List<Deleted> unique = new ArrayList<>(sorted.size());
        for (Deleted d : sorted) if (unique.isEmpty() || ORDER.compare(unique.getLast(), d) != 0) unique.add(d);
        messages = List.copyOf(unique);
    }

    public boolean isEmpty() { return clearedBefore == Long.MIN_VALUE && messages.isEmpty(); }

    /** Whether a message with this time and id is deleted. */
    public boolean covers(long sentAt, String id) {
        return sentAt < clearedBefore || java.util.Collections.binarySearch(messages, new Deleted(sentAt, id), ORDER) >= 0;
    }

    /** The union: the later horizon, every listed message. */
    public Tombstones merge(Tombstones other) {
        List<Deleted> all = new ArrayList<>(messages);
        all.addAll(other.messages);
        return new Tombstones(Math.max(clearedBefore, other.clearedBefore), all);
    }

    void encode(ByteWriter w) {
        if (clearedBefore == Long.MIN_VALUE) w.u8(0); else w.u8(1).svarint(clearedBefore);
        w.varint(messages.size());
        for (Deleted d : messages) w.svarint(d.sentAt()).string(d.id());
    }

    static Tombstones decode(ByteReader r) {
        int hasHorizon = r.u8();
        if (hasHorizon > 1) throw new org.chatvault.core.error.CorruptDataException("tombstone horizon flag " + hasHorizon + " is neither 0 nor 1");
        long clearedBefore = hasHorizon == 1 ? r.svarint() : Long.MIN_VALUE;
        if (clearedBefore == Long.MIN_VALUE && hasHorizon == 1)
            throw new org.chatvault.core.error.CorruptDataException("tombstone horizon " + clearedBefore + " is reserved for none");
        int n = r.count(2);
        List<Deleted> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Deleted d = new Deleted(r.svarint(), r.string());
            if (d.sentAt() < clearedBefore) throw new org.chatvault.core.error.CorruptDataException("tombstone " + i + " lies before the horizon");
            if (i > 0 && ORDER.compare(out.getLast(), d) >= 0)
                throw new org.chatvault.core.error.CorruptDataException("tombstone " + i + " is not after the one before: they must be sorted and unique");
            out.add(d);
        }
        return new Tombstones(clearedBefore, out);
    }
}
