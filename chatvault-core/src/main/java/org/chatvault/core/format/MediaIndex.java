package org.chatvault.core.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.chatvault.core.error.CorruptDataException;

/**
 * The plaintext of a MEDIA_INDEX object, schema 1 (docs/FORMAT.md §14): the files and thumbnails
 * that one conversation's messages of one UTC month reference.
 *
 * <p>The refs are kept sorted by (contentId as UTF-8 bytes, role code), so the same set of refs
 * always encodes to the same bytes and therefore the same object id, whatever order they came in.
 */
public record MediaIndex(String conversationId, int month, List<MediaRef> refs) {
    public static final int SCHEMA = 1;
    /** contentId ≥ 1 (its length) ‖ role 1 ‖ shape 1 ‖ id 32 ‖ size ≥ 1. */
    static final int MIN_REF_BYTES = 1 + 1 + 1 + ObjectId.BYTES + 1;

    /** UTF-8 byte order rather than String's UTF-16 order: it is what a reader in any language sees. */
    static final Comparator<MediaRef> ORDER = (a, b) -> {
        int c = Arrays.compareUnsigned(utf8(a.contentId()), utf8(b.contentId()));
        return c != 0 ? c : Integer.compare(a.role().code(), b.role().code());
    };

    /** Sorts the refs; a (contentId, role) pair listed twice is an {@link IllegalArgumentException}. */
    public MediaIndex {
        Objects.requireNonNull(conversationId, "conversationId");
        if (!Months.isValid(month)) throw new IllegalArgumentException("media index month " + month + " is not a yyyymm month from 1970 to 9999");
        List<MediaRef> sorted = new ArrayList<>(refs);
        sorted.sort(ORDER);
        for (int i = 1; i < sorted.size(); i++) {
            if (ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0)
                throw new IllegalArgumentException("media index lists " + describe(sorted.get(i)) + " twice");
        }
        refs = List.copyOf(sorted);
    }

    public byte[] encode() {
        ByteWriter w = new ByteWriter(32 + refs.size() * 64);
        w.u8(SCHEMA).string(conversationId).varint(month).varint(refs.size());
        for (MediaRef m : refs) {
            w.string(m.contentId()).u8(m.role().code()).u8(m.shape().code()).id(m.objectId()).varint(m.size());
        }
        return w.toByteArray();
    }

    public static MediaIndex decode(byte[] plain) {
        ByteReader r = new ByteReader(plain);
        int schema = r.u8();
        if (schema != SCHEMA) throw new CorruptDataException("unsupported media index schema " + schema);
        String conversationId = r.string();
        int month = r.varint32();
        if (!Months.isValid(month)) throw new CorruptDataException("media index month " + month + " is not a valid yyyymm");
        int n = r.count(MIN_REF_BYTES);
        List<MediaRef> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            MediaRef ref = readRef(r, i);
            // The constructor would sort silently; a stored index out of order was not written by a conforming writer.
            if (i > 0 && ORDER.compare(refs.get(i - 1), ref) >= 0)
                throw new CorruptDataException("media index ref " + i + " (" + describe(ref) + ") is not after "
                        + describe(refs.get(i - 1)) + ": refs must be sorted and unique");
            refs.add(ref);
        }
        r.expectEnd();
        return new MediaIndex(conversationId, month, refs);
    }

    private static MediaRef readRef(ByteReader r, int i) {
        String contentId = r.string();
        int roleCode = r.u8();
        int shapeCode = r.u8();
        ObjectId id = r.id();
        long size = r.varint();
        try {
            return new MediaRef(contentId, MediaRef.Role.fromCode(roleCode), MediaRef.Shape.fromCode(shapeCode), id, size);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("media index ref " + i + ": " + e.getMessage());
        }
    }

    private static String describe(MediaRef m) {
        return "(\"" + m.contentId() + "\", " + m.role() + ")";
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
