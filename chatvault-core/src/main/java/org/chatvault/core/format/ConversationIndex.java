package org.chatvault.core.format;

import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;

/**
 * A conversation's metadata, its segments oldest first (docs/FORMAT.md §7), from schema 2 its
 * media indexes by month (§15), and from schema 3 when its metadata last changed and its
 * deletions (§7.1).
 *
 * @param metadataChangedAt epoch ms of the last change of kind, title or participants; 0 when not recorded
 */
public record ConversationIndex(Conversation conversation, List<SegmentRef> segments, List<MediaIndexRef> media,
                                long metadataChangedAt, Tombstones tombstones) {
    /** Segments only. Still written whenever there is no media, so those indexes keep their ids. */
    public static final int SCHEMA = 1;
    /** Schema 1 followed by the media index list. */
    public static final int SCHEMA_WITH_MEDIA = 2;
    /** Schema 1, the media index list (possibly empty), the metadata change time, then the tombstones. */
    public static final int SCHEMA_3 = 3;
    /** segmentId 32 ‖ month, firstSentAt, span, count, plainSize ≥ 1 each. */
    private static final int MIN_SEGMENT_REF_BYTES = ObjectId.BYTES + 5;
    /** month (a valid yyyymm is 3 varint bytes) ‖ mediaIndexId 32. */
    private static final int MIN_MEDIA_REF_BYTES = 3 + ObjectId.BYTES;

    /** @throws IllegalArgumentException if the media months are not strictly increasing */
    public ConversationIndex {
        segments = List.copyOf(segments);
        media = List.copyOf(media);
        tombstones = tombstones == null ? Tombstones.NONE : tombstones;
        for (int i = 1; i < media.size(); i++) {
            if (media.get(i).month() <= media.get(i - 1).month())
                throw new IllegalArgumentException("media index months must increase strictly, but " + media.get(i).month()
                        + " follows " + media.get(i - 1).month());
        }
    }

    /** An index without media, written as schema 1. */
    public ConversationIndex(Conversation conversation, List<SegmentRef> segments) {
        this(conversation, segments, List.of(), 0, Tombstones.NONE);
    }

    /** An index without deletions or a metadata change time, written as schema 1 or 2. */
    public ConversationIndex(Conversation conversation, List<SegmentRef> segments, List<MediaIndexRef> media) {
        this(conversation, segments, media, 0, Tombstones.NONE);
    }

    public long messageCount() {
        long n = 0;
        for (SegmentRef s : segments) n += s.count();
        return n;
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(64 + segments.size() * 56 + media.size() * 36);
        int schema = !tombstones.isEmpty() || metadataChangedAt != 0 ? SCHEMA_3 : media.isEmpty() ? SCHEMA : SCHEMA_WITH_MEDIA;
        w.u8(schema);
        w.string(conversation.id()).u8(conversation.kind().code()).string(conversation.title());
        w.varint(conversation.participants().size());
        for (String p : conversation.participants()) w.string(p);
        w.varint(segments.size());
        for (SegmentRef s : segments) {
            w.id(s.id()).varint(s.month()).varint(s.firstSentAt()).varint(s.lastSentAt() - s.firstSentAt())
                    .varint(s.count()).varint(s.plainSize());
        }
        if (schema != SCHEMA) {
            w.varint(media.size());
            for (MediaIndexRef m : media) w.varint(m.month()).id(m.id());
        }
        if (schema == SCHEMA_3) {
            w.svarint(metadataChangedAt);
            tombstones.encode(w);
        }
        return w.toByteArray();
    }

    public static ConversationIndex decode(byte[] plain) {
        ByteReader r = new ByteReader(plain);
        int schema = r.u8();
        if (schema != SCHEMA && schema != SCHEMA_WITH_MEDIA && schema != SCHEMA_3)
            throw new CorruptDataException("unsupported conversation index schema " + schema);
        String id = r.string();
        ConversationKind kind;
        try {
            kind = ConversationKind.fromCode(r.u8());
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(e.getMessage());
        }
        String title = r.string();
        int np = r.count(1);
        List<String> participants = new ArrayList<>(np);
        for (int i = 0; i < np; i++) participants.add(r.string());
        int ns = r.count(MIN_SEGMENT_REF_BYTES);
        List<SegmentRef> segments = new ArrayList<>(ns);
        for (int i = 0; i < ns; i++) {
            ObjectId sid = r.id();
            int month = r.varint32();
            long first = r.varint();
            long last = first + r.varint();
            segments.add(new SegmentRef(sid, month, first, last, r.varint32(), r.varint32()));
        }
        List<MediaIndexRef> media = schema == SCHEMA ? List.of() : readMedia(r, schema == SCHEMA_WITH_MEDIA);
        long changedAt = 0;
        Tombstones tombstones = Tombstones.NONE;
        if (schema == SCHEMA_3) {
            changedAt = r.svarint();
            tombstones = Tombstones.decode(r);
            if (changedAt == 0 && tombstones.isEmpty())
                throw new CorruptDataException("conversation index schema 3 with neither a metadata change time nor tombstones (must be schema 1 or 2)");
        }
        r.expectEnd();
        return new ConversationIndex(new Conversation(id, kind, title, participants), segments, media, changedAt, tombstones);
    }

    private static List<MediaIndexRef> readMedia(ByteReader r, boolean required) {
        int nm = r.count(MIN_MEDIA_REF_BYTES);
        // An empty list is written as schema 1; accepting it here would give one index two encodings (two ids).
        if (nm == 0 && required) throw new CorruptDataException("conversation index schema 2 with no media (must be schema 1)");
        List<MediaIndexRef> media = new ArrayList<>(nm);
        for (int i = 0; i < nm; i++) {
            int month = r.varint32();
            if (!Months.isValid(month)) throw new CorruptDataException("media index ref " + i + " has month " + month + ", not a valid yyyymm");
            if (i > 0 && month <= media.get(i - 1).month())
                throw new CorruptDataException("media index month " + month + " follows " + media.get(i - 1).month()
                        + ": months must increase strictly");
            media.add(new MediaIndexRef(month, r.id()));
        }
        return media;
    }
}
