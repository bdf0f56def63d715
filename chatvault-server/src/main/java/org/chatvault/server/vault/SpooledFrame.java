package org.chatvault.server.vault;

import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.protocol.batch.BatchFormat;

/** A validated frame in a spool file; {@code frameOffset} is where its header starts. */
record SpooledFrame(ObjectId id, ObjectKind kind, int bucket, long frameOffset, int length) {
    long frameBytes() { return BatchFormat.FRAME_HEADER_BYTES + (long) length; }
}
