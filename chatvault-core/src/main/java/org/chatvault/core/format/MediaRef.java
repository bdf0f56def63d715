package org.chatvault.core.format;

import java.util.Objects;
import org.chatvault.core.chunking.ChunkerParams;
import org.chatvault.core.model.FormatCode;

/**
 * What a media index (docs/FORMAT.md §14) records about one file or thumbnail of a message
 * attachment: the attachment's content id, which of the two it is, and the object that holds it.
 *
 * @param contentId the attachment's content id (a thumbnail uses the content id of the file it shows)
 * @param objectId  a MEDIA_CHUNK (FILE, SINGLE), a THUMBNAIL (THUMBNAIL, SINGLE) or a FILE_RECIPE (RECIPE)
 * @param size      the file's or thumbnail's length in bytes
 */
public record MediaRef(String contentId, Role role, Shape shape, ObjectId objectId, long size) {
    /**
     * Files up to this size are one MEDIA_CHUNK, larger ones a FILE_RECIPE. It is FastCDC's
     * {@code min}: below it the chunker cannot cut, so a recipe would only add an object.
     */
    public static final int SINGLE_MAX = ChunkerParams.DEFAULT.min();

    public enum Role implements FormatCode {
        FILE(1), THUMBNAIL(2);

        private final int code;

        Role(int code) { this.code = code; }

        public int code() { return code; }

        public static Role fromCode(int code) {
            return FormatCode.fromCode(Role.class, code, "media role");
        }
    }

    public enum Shape implements FormatCode {
        /** The object's plaintext is the whole file. */
        SINGLE(1),
        /** The object is a FILE_RECIPE listing the file's chunks. */
        RECIPE(2);

        private final int code;

        Shape(int code) { this.code = code; }

        public int code() { return code; }

        public static Shape fromCode(int code) {
            return FormatCode.fromCode(Shape.class, code, "media shape");
        }
    }

    public MediaRef {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(objectId, "objectId");
        if (size < 0) throw new IllegalArgumentException("negative media size " + size);
        // One shape per size keeps ids deterministic: two clients storing the same file make the same objects.
        if (role == Role.FILE && shape != shapeFor(size))
            throw new IllegalArgumentException("a file of " + size + " bytes must be " + shapeFor(size) + ", not " + shape);
        if (role == Role.THUMBNAIL && shape != Shape.SINGLE)
            throw new IllegalArgumentException("a thumbnail must be SINGLE, not " + shape);
        if (role == Role.THUMBNAIL && size > ObjectCodec.MAX_PLAINTEXT)
            throw new IllegalArgumentException("a thumbnail of " + size + " bytes does not fit one object");
    }

    /** SINGLE up to {@link #SINGLE_MAX} bytes, RECIPE above, even when the file makes only one chunk. */
    public static Shape shapeFor(long fileSize) {
        return fileSize <= SINGLE_MAX ? Shape.SINGLE : Shape.RECIPE;
    }

    /** The kind of the object {@link #objectId()} names. */
    public ObjectKind objectKind() {
        if (shape == Shape.RECIPE) return ObjectKind.FILE_RECIPE;
        return role == Role.THUMBNAIL ? ObjectKind.THUMBNAIL : ObjectKind.MEDIA_CHUNK;
    }
}
