package org.chatvault.core.format;

import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.error.CorruptDataException;

/** The root of a vault snapshot: every conversation and its index (docs/FORMAT.md §8). */
public record RootManifest(List<Entry> conversations) {
    public static final int SCHEMA = 1;

    public RootManifest {
        conversations = List.copyOf(conversations);
    }

    /** One conversation: last activity (ms), message count and the id of its index object. */
    public record Entry(String conversationId, long lastActivity, long messageCount, ObjectId indexId) {}

    public byte[] encode() {
        ByteWriter w = new ByteWriter(16 + conversations.size() * 64);
        w.u8(SCHEMA).varint(conversations.size());
        for (Entry e : conversations) {
            w.string(e.conversationId()).varint(e.lastActivity()).varint(e.messageCount()).id(e.indexId());
        }
        return w.toByteArray();
    }

    public static RootManifest decode(byte[] plain) {
        ByteReader r = new ByteReader(plain);
        int schema = r.u8();
        if (schema != SCHEMA) throw new CorruptDataException("unsupported root manifest schema " + schema);
        int n = r.count(ObjectId.BYTES + 3);
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) entries.add(new Entry(r.string(), r.varint(), r.varint(), r.id()));
        r.expectEnd();
        return new RootManifest(entries);
    }
}
