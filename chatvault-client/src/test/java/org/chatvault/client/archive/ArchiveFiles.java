package org.chatvault.client.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.batch.BatchFormat;

/** Test helper: archives rewritten the way a buggy or partial download would leave them, yet whole and checksummed. */
public final class ArchiveFiles {
    private ArchiveFiles() {}

    /**
     * Copies the archive {@code from} to {@code to} without the first object {@code leaveOut} accepts.
     *
     * @return the id of the object left out
     */
    public static ObjectId copyWithout(Path from, Path to, Predicate<BatchFormat.Frame> leaveOut) throws IOException {
        try (ArchiveReader in = ArchiveReader.open(from); ArchiveWriter out = ArchiveWriter.create(to, in.header())) {
            List<ObjectId> ids = new ArrayList<>();
            in.forEachId(ids::add);
            ObjectId[] left = {null};
            in.fetch(ids, f -> {
                if (left[0] == null && leaveOut.test(f)) left[0] = f.id();
                else out.add(f);
            });
            out.finish();
            if (left[0] == null) throw new IllegalArgumentException("no object to leave out");
            return left[0];
        }
    }
}
