package org.chatvault.core.format;

import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.error.CorruptDataException;

/**
 * The root of a vault snapshot: every conversation and its index (docs/FORMAT.md §8), and from
 * schema 2 the head version it was written for and the id of the root it replaces. Both sit
 * inside the encrypted manifest, so a server cannot pass an old root off as a new one.
 *
 * From schema 3 it also records the retention horizon (§8.1): the month below which history expired
 * under the plan, and when a device learnt it.
 *
 * @param version  the head version this root becomes when committed; 0 only in schema 1 (legacy)
 * @param previous the root this one replaces, or null for the first root of a vault (or schema 1)
 * @param horizon  {@link RetentionHorizon#NONE} when nothing expired (schemas 1 and 2)
 */
public record RootManifest(long version, ObjectId previous, List<Entry> conversations, RetentionHorizon horizon) {
    /** No version and no previous root; read for vaults written before freshness checks. */
    public static final int SCHEMA_LEGACY = 1;
    public static final int SCHEMA = 2;
    /** Schema 2 followed by the retention horizon; written only when there is one. */
    public static final int SCHEMA_WITH_HORIZON = 3;
    /** conversationId ≥ 1 ‖ lastActivity ≥ 1 ‖ messageCount ≥ 1 ‖ indexId 32. */
    private static final int MIN_ENTRY_BYTES = ObjectId.BYTES + 3;

    public RootManifest {
        if (version < 0) throw new IllegalArgumentException("root manifest version " + version + " is negative");
        if (version == 0 && previous != null) throw new IllegalArgumentException("a version 0 root has no previous root");
        conversations = List.copyOf(conversations);
        horizon = horizon == null ? RetentionHorizon.NONE : horizon;
        if (version == 0 && !horizon.isNone()) throw new IllegalArgumentException("a version 0 root has no retention horizon");
    }

    /** A root with nothing expired: schema 2, or schema 1 at version 0. */
    public RootManifest(long version, ObjectId previous, List<Entry> conversations) {
        this(version, previous, conversations, RetentionHorizon.NONE);
    }

    /** A schema-1 manifest: no version, no previous root. */
    public RootManifest(List<Entry> conversations) {
        this(0, null, conversations);
    }

    /** One conversation: last activity (ms), message count and the id of its index object. */
    public record Entry(String conversationId, long lastActivity, long messageCount, ObjectId indexId) {}

    /**
     * Schema 1 when there is no version (only legacy tests and vectors build such a root), schema 3
     * when there is a retention horizon, else schema 2.
     */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(48 + conversations.size() * 64);
        if (version == 0) {
            w.u8(SCHEMA_LEGACY);
        } else {
            w.u8(horizon.isNone() ? SCHEMA : SCHEMA_WITH_HORIZON).varint(version);
            if (previous == null) w.u8(0); else w.u8(1).id(previous);
        }
        w.varint(conversations.size());
        for (Entry e : conversations) {
            w.string(e.conversationId()).varint(e.lastActivity()).varint(e.messageCount()).id(e.indexId());
        }
        if (!horizon.isNone()) w.varint(horizon.keptFrom()).svarint(horizon.learntAt());
        return w.toByteArray();
    }

    public static RootManifest decode(byte[] plain) {
        ByteReader r = new ByteReader(plain);
        int schema = r.u8();
        long version = 0;
        ObjectId previous = null;
        if (schema == SCHEMA || schema == SCHEMA_WITH_HORIZON) {
            version = r.varint();
            if (version == 0) throw new CorruptDataException("root manifest schema " + schema + " with version 0");
            int hasPrevious = r.u8();
            if (hasPrevious == 1) previous = r.id();
            else if (hasPrevious != 0) throw new CorruptDataException("root manifest previous-root flag " + hasPrevious + " is neither 0 nor 1");
        } else if (schema != SCHEMA_LEGACY) {
            throw new CorruptDataException("unsupported root manifest schema " + schema);
        }
        int n = r.count(MIN_ENTRY_BYTES);
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) entries.add(new Entry(r.string(), r.varint(), r.varint(), r.id()));
        RetentionHorizon horizon = RetentionHorizon.NONE;
        if (schema == SCHEMA_WITH_HORIZON) {
            int keptFrom = r.varint32();
            // Schema 3 without a horizon would be a second encoding (a second id) of a schema-2 root.
            if (!Months.isValid(keptFrom)) throw new CorruptDataException("root manifest retention horizon " + keptFrom + " is not a valid yyyymm month");
            horizon = new RetentionHorizon(keptFrom, r.svarint());
        }
        r.expectEnd();
        return new RootManifest(version, previous, entries, horizon);
    }
}
