package org.chatvault.server.vault;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.server.storage.ObjectStore;

/**
 * Copies objects, ciphertext as stored, from their packs into one new pack blob of a given
 * bucket: the server holds no keys and needs none, since a body authenticates under its id and
 * kind, not its bucket or position. The new pack is a batch like any other, its frame headers
 * carrying the new bucket. The copy is spooled to a temp file first so the object store gets an
 * exact length and a source it can re-read (S3 multipart retries).
 */
final class PackCopier {
    private static final Comparator<ObjectLocation> STORED_ORDER =
            Comparator.comparing(ObjectLocation::storageKey).thenComparingLong(ObjectLocation::offset);

    private final ObjectStore blobs;
    private final Path tmpDir;
    private final BatchWriter writer;
    private final PackTiering tiering;

    PackCopier(ObjectStore blobs, Path tmpDir, PackTiering tiering) {
        this.blobs = blobs;
        this.tmpDir = tmpDir;
        this.writer = new BatchWriter(blobs);
        this.tiering = tiering;
    }

    /**
     * Writes a new pack holding {@code objects} under {@code bucket}; not indexed yet. Objects are
     * read in stored order, so neighbours in one old pack cost one range request. A pack the
     * tiering puts in the cold tier at {@code now} is written there.
     */
    MovedPack copy(String accountId, int bucket, List<ObjectLocation> objects, Instant now) throws IOException {
        List<ObjectLocation> ordered = new ArrayList<>(objects);
        ordered.sort(STORED_ORDER);
        List<ObjectLocation> relabelled = ordered.stream().map(o -> o.withBucket(bucket)).toList();
        String packId = UUID.randomUUID().toString();
        String key = ObjectService.packKey(accountId, packId);
        Path spool = Files.createTempFile(tmpDir, "pack-", ".tmp");
        long length;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024)) {
                length = writer.write(relabelled, out);
            }
            tiering.storeFor(blobs, tiering.cold(bucket, length, now)).adopt(key, spool);
        } finally {
            Files.deleteIfExists(spool);
        }
        List<ObjectMove> moves = new ArrayList<>(ordered.size());
        long pos = BatchFormat.MAGIC.length;
        for (ObjectLocation o : ordered) {
            moves.add(new ObjectMove(o.id(), o.packId(), o.offset(), pos + BatchFormat.FRAME_HEADER_BYTES));
            pos += BatchFormat.FRAME_HEADER_BYTES + (long) o.length();
        }
        return new MovedPack(packId, bucket, key, length, moves);
    }

    /**
     * Splits objects into runs whose packs stay near {@code maxPackBytes} (one object larger than
     * that still gets a pack of its own), so no single copy or pack grows without bound.
     */
    static List<List<ObjectLocation>> packsOfAtMost(List<ObjectLocation> objects, long maxPackBytes) {
        List<List<ObjectLocation>> out = new ArrayList<>();
        List<ObjectLocation> current = new ArrayList<>();
        long bytes = BatchFormat.MAGIC.length;
        for (ObjectLocation o : objects) {
            long frame = BatchFormat.FRAME_HEADER_BYTES + (long) o.length();
            if (!current.isEmpty() && bytes + frame > maxPackBytes) {
                out.add(current);
                current = new ArrayList<>();
                bytes = BatchFormat.MAGIC.length;
            }
            current.add(o);
            bytes += frame;
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }
}
