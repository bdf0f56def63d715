package org.chatvault.server.vault;

import java.time.Instant;
import org.chatvault.core.format.ObjectId;

/** An account's vault head; version 0 with no root is the empty vault. */
public record Head(long version, ObjectId root, Instant committedAt) {
    public static final Head EMPTY = new Head(0, null, null);
}
