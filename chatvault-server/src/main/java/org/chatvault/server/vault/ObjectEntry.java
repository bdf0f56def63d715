package org.chatvault.server.vault;

import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;

/** One object inside a pack being indexed: where its body starts in the pack, and how long it is. */
public record ObjectEntry(ObjectId id, ObjectKind kind, int bucket, long offset, int length) {}
