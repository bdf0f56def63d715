package org.chatvault.server.vault;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.server.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole vault of one account as one object batch ({@code GET /v1/vault/archive}): the head as
 * it was when the archive was planned, and every object that head may reference.
 *
 * <p>Consistency: the plan takes the head first, then lists, in one snapshot, every object not
 * dropped by the time that head was committed (live ones, and ones a later commit dropped), and
 * writes their locations to a spool file: the exact answer size is known before the first byte
 * (so a cut stream is told apart from a short one), and memory does not grow with the vault. The
 * bodies are then read from those locations, which stay readable for the sweep's safety delay even
 * if a commit drops the objects or a repack moves them meanwhile. An object whose pack is missing
 * or too short is left out and counted, not fatal: the owner still gets everything else.
 */
public final class VaultArchive implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VaultArchive.class);
    /** Locations read back from the spool at a time, so a run of one pack is fetched with few range reads. */
    private static final int GROUP = 1_000;

    private final Head head;
    private final Path spool;
    private final long objects;
    private final long unreadable;
    private final long batchBytes;

    private VaultArchive(Head head, Path spool, long objects, long unreadable, long batchBytes) {
        this.head = head;
        this.spool = spool;
        this.objects = objects;
        this.unreadable = unreadable;
        this.batchBytes = batchBytes;
    }

    /** Plans the archive of {@code accountId}, its spool file in {@code tmpDir}; the caller closes it. */
    static VaultArchive plan(ObjectIndex index, ObjectStore blobs, Path tmpDir, String accountId) throws IOException {
        Head head = index.head(accountId);
        Path spool = Files.createTempFile(Files.createDirectories(tmpDir), "archive-", ".spool");
        long[] counts = new long[3]; // objects, unreadable, body bytes
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024))) {
            if (head.root() != null) {
                PackSizes sizes = new PackSizes(blobs);
                index.forEachObjectNotDroppedAt(accountId, head.committedAt(), o -> {
                    try {
                        if (sizes.of(o.storageKey()) < o.offset() + o.length()) {
                            if (counts[1]++ == 0) log.error("account {}: archiving without object {}, its pack {} is missing or truncated",
                                    accountId, o.id(), o.storageKey());
                            return;
                        }
                        writeLocation(out, o);
                        counts[0]++;
                        counts[2] += BatchFormat.FRAME_HEADER_BYTES + (long) o.length();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(spool);
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
        if (counts[1] > 0) log.error("account {}: the archive leaves out {} unreadable objects", accountId, counts[1]);
        return new VaultArchive(head, spool, counts[0], counts[1], BatchFormat.MAGIC.length + counts[2]);
    }

    /** The head the archive holds, {@link Head#EMPTY} for an empty vault. */
    public Head head() { return head; }

    /** How many objects the batch holds. */
    public long objects() { return objects; }

    /** How many objects the head may need were left out because their pack is missing or damaged. */
    public long unreadable() { return unreadable; }

    /** The exact size of the batch, for {@code Content-Length}. */
    public long batchBytes() { return batchBytes; }

    /** Streams the batch, reading the bodies pack by pack in storage order; @return bytes written */
    long writeTo(OutputStream out, BatchWriter writer) throws IOException {
        out.write(BatchFormat.MAGIC);
        long written = BatchFormat.MAGIC.length;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 64 * 1024))) {
            for (long left = objects; left > 0; ) {
                List<ObjectLocation> group = new ArrayList<>((int) Math.min(GROUP, left));
                while (group.size() < GROUP && left > 0) {
                    group.add(readLocation(in));
                    left--;
                }
                written += writer.writeFrames(group, out);
            }
        }
        out.flush();
        return written;
    }

    private static void writeLocation(DataOutputStream out, ObjectLocation o) throws IOException {
        out.write(o.id().toBytes());
        out.writeByte(o.kind().code());
        out.writeInt(o.bucket());
        out.writeLong(o.offset());
        out.writeInt(o.length());
        out.writeUTF(o.storageKey());
    }

    private static ObjectLocation readLocation(DataInputStream in) throws IOException {
        try {
            byte[] id = in.readNBytes(ObjectId.BYTES);
            if (id.length < ObjectId.BYTES) throw new EOFException();
            ObjectKind kind = ObjectKind.fromCode(in.readUnsignedByte());
            int bucket = in.readInt();
            long offset = in.readLong();
            int length = in.readInt();
            return new ObjectLocation(ObjectId.of(id), kind, bucket, null, in.readUTF(), offset, length, (Instant) null);
        } catch (EOFException e) {
            throw new IOException("the archive's spool file is shorter than its plan", e);
        }
    }

    /** The size of the pack last asked about: the listing comes pack by pack, so one look per pack. */
    private static final class PackSizes {
        private final ObjectStore blobs;
        private String key;
        private long size;

        PackSizes(ObjectStore blobs) { this.blobs = blobs; }

        long of(String storageKey) throws IOException {
            if (!storageKey.equals(key)) {
                size = blobs.size(storageKey); // -1 when the pack is gone
                key = storageKey;
            }
            return size;
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(spool);
    }
}
