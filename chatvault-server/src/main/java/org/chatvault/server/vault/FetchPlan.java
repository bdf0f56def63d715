package org.chatvault.server.vault;

import java.util.List;
import org.chatvault.protocol.batch.BatchFormat;

/**
 * The objects one fetch answer streams, every one located, in request order without repeats:
 * fetching can now stream without failing on a missing id.
 *
 * @param objects the first of the requested objects, as many as fit the answer (at least one)
 * @param omitted how many requested objects (repeats not counted) come after them and were left
 *                for the next request; 0 when the answer is complete
 */
public record FetchPlan(List<ObjectLocation> objects, int omitted) {
    public FetchPlan {
        objects = List.copyOf(objects);
        if (omitted < 0) throw new IllegalArgumentException("omitted < 0");
    }

    /** Exact size of the batch that streams these objects, for {@code Content-Length}. */
    public long batchBytes() {
        return batchBytes(objects);
    }

    static long batchBytes(List<ObjectLocation> objects) {
        long n = BatchFormat.MAGIC.length;
        for (ObjectLocation o : objects) n += frameBytes(o);
        return n;
    }

    static long frameBytes(ObjectLocation o) {
        return BatchFormat.FRAME_HEADER_BYTES + (long) o.length();
    }
}
