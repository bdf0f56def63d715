package org.chatvault.server.vault;

import java.util.List;
import org.chatvault.protocol.batch.BatchFormat;

/** Every requested object located, in request order: fetching can now stream without failing on a missing id. */
public record FetchPlan(List<ObjectLocation> objects) {
    /** Exact size of the batch that streams these objects, for {@code Content-Length}. */
    public long batchBytes() {
        long n = BatchFormat.MAGIC.length;
        for (ObjectLocation o : objects) n += BatchFormat.FRAME_HEADER_BYTES + (long) o.length();
        return n;
    }
}
