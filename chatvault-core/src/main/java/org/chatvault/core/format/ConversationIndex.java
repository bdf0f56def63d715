package org.chatvault.core.format;

import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;

/** A conversation's metadata and its segments, oldest first (docs/FORMAT.md §7). */
public record ConversationIndex(Conversation conversation, List<SegmentRef> segments) {
    public static final int SCHEMA = 1;

    public ConversationIndex {
        segments = List.copyOf(segments);
    }

    public long messageCount() {
        long n = 0;
        for (SegmentRef s : segments) n += s.count();
        return n;
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(64 + segments.size() * 56);
        w.u8(SCHEMA).string(conversation.id()).u8(conversation.kind().code()).string(conversation.title());
        w.varint(conversation.participants().size());
        for (String p : conversation.participants()) w.string(p);
        w.varint(segments.size());
        for (SegmentRef s : segments) {
            w.id(s.id()).varint(s.month()).varint(s.firstSentAt()).varint(s.lastSentAt() - s.firstSentAt())
                    .varint(s.count()).varint(s.plainSize());
        }
        return w.toByteArray();
    }

    public static ConversationIndex decode(byte[] plain) {
        ByteReader r = new ByteReader(plain);
        int schema = r.u8();
        if (schema != SCHEMA) throw new CorruptDataException("unsupported conversation index schema " + schema);
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
        int ns = r.count(ObjectId.BYTES + 5);
        List<SegmentRef> segments = new ArrayList<>(ns);
        for (int i = 0; i < ns; i++) {
            ObjectId sid = r.id();
            int month = r.varint32();
            long first = r.varint();
            long last = first + r.varint();
            segments.add(new SegmentRef(sid, month, first, last, r.varint32(), r.varint32()));
        }
        r.expectEnd();
        return new ConversationIndex(new Conversation(id, kind, title, participants), segments);
    }
}
