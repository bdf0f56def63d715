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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * writes their locations to a spool file (the packs are looked at only once the snapshot has
 * ended, so no transaction waits on the object store): the exact answer size is known before the first byte
 * (so a cut stream is told apart from a short one), and memory grows only with the number of packs. The
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
    /** Locations in the spool, readable or not. */
    private final long listed;
    /** The size of every pack the spool names, -1 for one that is gone. */
    private final Map<String, Long> packSizes;
    private final long objects;
    private final long unreadable;
    private final long batchBytes;

    private VaultArchive(Head head, Path spool, long listed, Map<String, Long> packSizes, long objects, long unreadable, long batchBytes) {
        this.head = head;
        this.spool = spool;
        this.listed = listed;
        this.packSizes = packSizes;
        this.objects = objects;
        this.unreadable = unreadable;
        this.batchBytes = batchBytes;
    }

    /** Plans the archive of {@code accountId}, its spool file in {@code tmpDir}; the caller closes it. */
    static VaultArchive plan(ObjectIndex index, ObjectStore blobs, Path tmpDir, String accountId) throws IOException {
        Head head = index.head(accountId);
        Path spool = Files.createTempFile(Files.createDirectories(tmpDir), "archive-", ".spool");
        try {
            // The database snapshot lasts only as long as the listing: the packs are looked at after it ends.
            Map<String, Long> packSizes = new LinkedHashMap<>();
            long[] listed = {0};
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spool), 64 * 1024))) {
                if (head.root() != null) {
                    index.forEachObjectNotDroppedAt(accountId, head.committedAt(), o -> {
                        try {
                            writeLocation(out, o);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        packSizes.putIfAbsent(o.storageKey(), -1L);
                        listed[0]++;
                    });
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (Map.Entry<String, Long> p : packSizes.entrySet()) p.setValue(blobs.size(p.getKey())); // -1 when the pack is gone
            long[] counts = new long[3]; // objects, unreadable, body bytes
            forEachLocation(spool, listed[0], o -> {
                if (readable(packSizes, o)) {
                    counts[0]++;
                    counts[2] += BatchFormat.FRAME_HEADER_BYTES + (long) o.length();
                } else if (counts[1]++ == 0) {
                    log.error("account {}: archiving without object {}, its pack {} is missing or truncated", accountId, o.id(), o.storageKey());
                }
            });
            if (counts[1] > 0) log.error("account {}: the archive leaves out {} unreadable objects", accountId, counts[1]);
            return new VaultArchive(head, spool, listed[0], packSizes, counts[0], counts[1], BatchFormat.MAGIC.length + counts[2]);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    private static boolean readable(Map<String, Long> packSizes, ObjectLocation o) {
        return packSizes.get(o.storageKey()) >= o.offset() + o.length();
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
        long[] written = {BatchFormat.MAGIC.length};
        List<ObjectLocation> group = new ArrayList<>(GROUP);
        forEachLocation(spool, listed, o -> {
            if (!readable(packSizes, o)) return;
            group.add(o);
            if (group.size() == GROUP) {
                written[0] += writer.writeFrames(group, out);
                group.clear();
            }
        });
        written[0] += writer.writeFrames(group, out);
        out.flush();
        return written[0];
    }

    /** Receives spooled locations one by one. */
    private interface LocationSink {
        void accept(ObjectLocation o) throws IOException;
    }

    private static void forEachLocation(Path spool, long count, LocationSink sink) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spool), 64 * 1024))) {
            for (long i = 0; i < count; i++) sink.accept(readLocation(in));
        }
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

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(spool);
    }
}
