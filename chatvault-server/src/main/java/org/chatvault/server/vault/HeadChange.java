package org.chatvault.server.vault;

import java.time.Instant;
import java.util.Set;
import org.chatvault.core.format.ObjectId;

/**
 * A requested head move. {@code root} counts as added: it is referenced by the new snapshot.
 *
 * @param added   ids the new snapshot references and the old did not; their drop is cancelled
 * @param dropped ids the old snapshot referenced and the new does not; marked dropped unless also added
 */
public record HeadChange(long baseVersion, ObjectId root, Set<ObjectId> added, Set<ObjectId> dropped, Instant committedAt) {}
