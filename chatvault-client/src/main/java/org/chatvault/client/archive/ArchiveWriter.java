package org.chatvault.client.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;
import org.chatvault.core.files.OwnerOnly;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.WireJson;
import org.chatvault.protocol.batch.BatchFormat;

/**
 * Writes an archive file ({@link ArchiveFormat}) as the objects stream in: the header, each object
 * once, then the end record. The file is created owner-only and new (never over another file);
 * the caller writes it under a temporary name and renames it once {@link #finish} returned.
 */
final class ArchiveWriter implements AutoCloseable {
    private static final ObjectMapper JSON = WireJson.mapper();

    private final FileChannel channel;
    private final BufferedOutputStream file;
    private final MessageDigest sha256;
    private final DataOutputStream out;
    private final Set<ObjectId> written = new HashSet<>();
    private long frameBytes;

    private ArchiveWriter(FileChannel channel) {
        this.channel = channel;
        this.file = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024);
        this.sha256 = sha256();
        this.out = new DataOutputStream(new DigestOutputStream(file, sha256));
    }

    /**
     * A new archive at {@code path} (which must not exist yet) beginning with {@code header}. Only the
     * file is made owner-only: the directory is the user's to choose, and is left as it is.
     */
    static ArchiveWriter create(Path path, ArchiveHeader header) throws IOException {
        FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.newFile(path));
        ArchiveWriter w = new ArchiveWriter(channel);
        try {
            OwnerOnly.file(path);
            byte[] json = JSON.writeValueAsBytes(header);
            w.out.write(ArchiveFormat.MAGIC);
            w.out.writeInt(json.length);
            w.out.write(json);
            return w;
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** Adds an object; one already written (the same id) is skipped. */
    void add(BatchFormat.Frame f) throws IOException {
        if (!written.add(f.id())) return;
        out.write(BatchFormat.frameHeader(f.id(), f.kind(), f.bucket(), f.body().length));
        out.write(f.body());
        frameBytes += ArchiveFormat.FRAME_HEADER_BYTES + (long) f.body().length;
    }

    /** Whether the object was written. */
    boolean holds(ObjectId id) { return written.contains(id); }

    /** How many objects were written. */
    long objects() { return written.size(); }

    /** Writes the end record and forces the file to the disk; the archive is then complete. */
    void finish() throws IOException {
        out.write(ArchiveFormat.END_MAGIC);
        out.writeLong(written.size());
        out.writeLong(frameBytes);
        out.flush();
        file.write(sha256.digest()); // the hash covers everything before it, not itself
        file.flush();
        channel.force(true);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
