package org.chatvault.client.vault;

import java.util.List;
import org.chatvault.client.ClientException;
import org.chatvault.core.format.ObjectId;

/**
 * An {@link ObjectSource} that is not the server does not hold some of the objects asked for
 * (the server says so with {@code object_not_found}): which ones, and why, in words to show.
 */
public final class ObjectsUnavailableException extends ClientException {
    private final List<ObjectId> ids;
    private final String reason;

    /** @param reason why each of them is unavailable, e.g. "not in the archive" */
    public ObjectsUnavailableException(List<ObjectId> ids, String reason) {
        super(ids.size() + (ids.size() == 1 ? " object is " : " objects are ") + reason + " (first: " + ids.getFirst() + ")");
        this.ids = List.copyOf(ids);
        this.reason = reason;
    }

    public List<ObjectId> ids() { return ids; }

    public String reason() { return reason; }
}
