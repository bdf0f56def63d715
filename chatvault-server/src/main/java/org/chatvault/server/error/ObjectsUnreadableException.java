package org.chatvault.server.error;

import java.util.List;
import org.chatvault.core.format.ObjectId;

/**
 * Requested objects are indexed but their bytes cannot be read: the pack holding them is missing
 * or shorter than the index says (a damaged disk, a lost file). Raised before any byte of a fetch
 * is sent; the answer names them, so a client can fetch the rest and report exactly what is lost.
 */
public final class ObjectsUnreadableException extends ApiException {
    /** Ids listed in one answer at most; the message gives the full count. */
    public static final int MAX_LISTED = 1_000;
    private final List<ObjectId> ids;

    public ObjectsUnreadableException(List<ObjectId> ids) {
        super(ErrorCode.OBJECT_UNREADABLE, ids.size() + (ids.size() == 1 ? " requested object is" : " requested objects are")
                + " unreadable on the server: the pack holding " + (ids.size() == 1 ? "it" : "them") + " is missing or damaged"
                + (ids.size() > MAX_LISTED ? " (the first " + MAX_LISTED + " are listed)" : ""));
        this.ids = List.copyOf(ids.subList(0, Math.min(MAX_LISTED, ids.size())));
    }

    /** The unreadable ids (at most {@link #MAX_LISTED}). */
    public List<ObjectId> ids() { return ids; }
}
