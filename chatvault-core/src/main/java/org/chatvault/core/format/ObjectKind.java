package org.chatvault.core.format;

import org.chatvault.core.model.FormatCode;

/**
 * The kinds of vault objects. The code is part of the format (it is hashed into ids and bound
 * into the AAD): never renumber. Content kinds carry a time bucket; structure kinds do not.
 */
public enum ObjectKind implements FormatCode {
    SEGMENT(1, true),
    MEDIA_CHUNK(2, true),
    FILE_RECIPE(3, true),
    CONVERSATION_INDEX(4, false),
    ROOT_MANIFEST(5, false),
    KEY_SLOT(6, false),
    THUMBNAIL(7, true),
    /** Bucketed with its own month, so retention drops it together with the media it lists. */
    MEDIA_INDEX(8, true);

    private final int code;
    private final boolean bucketed;

    ObjectKind(int code, boolean bucketed) {
        this.code = code;
        this.bucketed = bucketed;
    }

    public int code() { return code; }

    /** Whether objects of this kind carry a time bucket that retention acts on. */
    public boolean bucketed() { return bucketed; }

    /** Structure objects are encrypted under the manifest key, content under the object key. */
    public boolean structure() { return !bucketed; }

    public static ObjectKind fromCode(int code) {
        return FormatCode.fromCode(ObjectKind.class, code, "object kind");
    }
}
