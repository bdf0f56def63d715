package org.chatvault.server.store;

import java.time.Instant;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;

/**
 * Where an indexed object's body lives.
 *
 * @param droppedAt when a commit stopped referencing it, or null while it is live
 */
public record ObjectLocation(ObjectId id, ObjectKind kind, int bucket, String storageKey, long offset, int length, Instant droppedAt) {}
