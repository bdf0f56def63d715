package org.chatvault.client.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chatvault.client.vault.ObjectSource;
import org.chatvault.client.vault.ObjectsUnavailableException;
import org.chatvault.core.error.VaultException;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.protocol.WireJson;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.protocol.vault.VaultHead;

/**
 * An archive file as an {@link ObjectSource}, so restore reads it as it reads the server. Opening
 * reads the whole file once: it checks the end record and the SHA-256 (a file cut short or
 * damaged is refused, saying which, before anything is restored) and indexes where each object's
 * body lies; fetches then read the bodies in place. Thread-safe once open.
 */
public final class ArchiveReader implements ObjectSource, AutoCloseable {
    private static final ObjectMapper JSON = WireJson.mapper();

    /** Where one object's body lies in the file. */
    private record Entry(ObjectKind kind, int bucket, long bodyOffset, int length) {}

    private final Path file;
    private final FileChannel channel;
    private final ArchiveHeader header;
    private final Map<ObjectId, Entry> index;

    private ArchiveReader(Path file, FileChannel channel, ArchiveHeader header, Map<ObjectId, Entry> index) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.index = index;
    }

    /**
     * Opens and checks {@code file}.
     *
     * @throws ArchiveException naming what is wrong: absent, not an archive, of a newer version, cut short, damaged
     */
    public static ArchiveReader open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ArchiveException("there is no archive at " + file);
        } catch (IOException e) {
            throw new ArchiveException("cannot read the archive " + file + ": " + e.getMessage(), e);
        }
        try {
            Checked checked = check(file, channel);
            return new ArchiveReader(file, channel, checked.header(), checked.index());
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof ArchiveException a) throw a;
            throw new ArchiveException("cannot read the archive " + file + ": " + e.getMessage(), e);
        }
    }

    private record Checked(ArchiveHeader header, Map<ObjectId, Entry> index) {}

    private static Checked check(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        byte[] magic = readAt(channel, 0, (int) Math.min(size, ArchiveFormat.MAGIC.length));
        if (!Arrays.equals(magic, ArchiveFormat.MAGIC)) {
            if (magic.length == ArchiveFormat.MAGIC.length && Arrays.equals(Arrays.copyOf(magic, 3), ArchiveFormat.FAMILY))
                throw new ArchiveException(file + " is an archive of a newer format (" + new String(magic, java.nio.charset.StandardCharsets.US_ASCII)
                        + ") than this version of Chatvault reads; use a newer Chatvault");
            throw new ArchiveException(file + " is not a Chatvault archive");
        }
        long endAt = size - ArchiveFormat.END_BYTES;
        if (endAt < ArchiveFormat.MAGIC.length + 4
                || !Arrays.equals(readAt(channel, endAt, ArchiveFormat.END_MAGIC.length), ArchiveFormat.END_MAGIC))
            throw new ArchiveException(file + " is incomplete: it has no end record, so it was cut short after " + size
                    + " bytes (an interrupted download or copy); make a new one with 'chatvault archive'");
        ByteBuffer end = ByteBuffer.wrap(readAt(channel, endAt, ArchiveFormat.END_BYTES));
        end.position(ArchiveFormat.END_MAGIC.length);
        long objects = end.getLong();
        long frameBytes = end.getLong();
        byte[] expected = new byte[ArchiveFormat.SHA256_BYTES];
        end.get(expected);

        MessageDigest sha256 = sha256();
        Map<ObjectId, Entry> index = new HashMap<>();
        byte[] headerJson = null;
        String problem;
        // A stream of its own: closing one made from the channel would close the channel.
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new DigestInputStream(new BufferedInputStream(raw, 256 * 1024), sha256))) {
            in.readFully(new byte[ArchiveFormat.MAGIC.length]); // read, not skipped: a skip would bypass the digest
            long pos = ArchiveFormat.MAGIC.length;
            problem = null;
            int headerLength = in.readInt();
            pos += 4;
            if (headerLength < 0 || headerLength > ArchiveFormat.MAX_HEADER_BYTES || pos + headerLength > endAt) {
                problem = "its header length " + headerLength + " is impossible";
            } else {
                headerJson = in.readNBytes(headerLength);
                pos += headerLength;
                if (endAt - pos != frameBytes) problem = "its objects take " + (endAt - pos) + " bytes, its end record says " + frameBytes;
            }
            byte[] frame = new byte[ArchiveFormat.FRAME_HEADER_BYTES];
            while (problem == null && pos < endAt) {
                if (endAt - pos < frame.length) {
                    problem = "an object's frame is cut by the end record";
                    break;
                }
                in.readFully(frame);
                ByteBuffer h = ByteBuffer.wrap(frame);
                byte[] id = new byte[ObjectId.BYTES];
                h.get(id);
                int kindCode = h.get() & 0xff;
                int bucket = h.getInt();
                int length = h.getInt();
                pos += frame.length;
                if (length < 0 || length > BatchFormat.MAX_BODY_BYTES || length > endAt - pos) {
                    problem = "object " + index.size() + " has an impossible length " + length;
                    break;
                }
                ObjectKind kind;
                try {
                    kind = ObjectKind.fromCode(kindCode);
                } catch (VaultException | IllegalArgumentException e) {
                    problem = "object " + index.size() + " is of unknown kind " + kindCode;
                    break;
                }
                if (index.putIfAbsent(ObjectId.of(id), new Entry(kind, bucket, pos, length)) != null) {
                    problem = "object " + ObjectId.of(id) + " appears twice";
                    break;
                }
                readThrough(in, length);
                pos += length;
            }
            // Whatever the structure, the hash is taken over everything before it.
            readThrough(in, size - ArchiveFormat.SHA256_BYTES - pos);
        } catch (EOFException e) {
            throw new ArchiveException(file + " changed while it was being read");
        }
        if (!MessageDigest.isEqual(sha256.digest(), expected))
            throw new ArchiveException(file + " is damaged: its SHA-256 does not match its content, so bytes changed after it was written "
                    + "(a failing disk or a bad copy); use another copy, or make a new one with 'chatvault archive'");
        if (problem == null && index.size() != objects)
            problem = "it holds " + index.size() + " objects, its end record says " + objects;
        if (problem != null) throw new ArchiveException(file + " is malformed: " + problem);
        ArchiveHeader header;
        try {
            header = JSON.readValue(headerJson, ArchiveHeader.class);
        } catch (IOException e) {
            throw new ArchiveException(file + " is malformed: its header is not readable: " + e.getMessage());
        }
        if (header.headVersion() > 0 && header.headRoot() == null) throw new ArchiveException(file + " is malformed: its header names no root");
        return new Checked(header, index);
    }

    /** Reads and drops {@code n} bytes, so that they pass through the digest. */
    private static void readThrough(InputStream in, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) throw new EOFException();
            n -= r;
        }
    }

    private static byte[] readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) throw new EOFException();
        }
        return b.array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Where the archive is. */
    public Path file() { return file; }

    /** Whose vault, which head, and the key slots that open it. */
    public ArchiveHeader header() { return header; }

    /** How many objects the archive holds. */
    public int objectCount() { return index.size(); }

    /** Hands {@code sink} the id of every object the archive holds, in no particular order. */
    public void forEachId(java.util.function.Consumer<ObjectId> sink) { index.keySet().forEach(sink); }

    @Override public VaultHead head() { return header.head(); }

    @Override public Set<ObjectId> missing(List<ObjectId> ids) {
        Set<ObjectId> out = new LinkedHashSet<>();
        for (ObjectId id : ids) if (!index.containsKey(id)) out.add(id);
        return out;
    }

    @Override public void fetch(List<ObjectId> ids, BatchFormat.FrameSink sink) {
        List<ObjectId> absent = new ArrayList<>();
        try {
            for (ObjectId id : new LinkedHashSet<>(ids)) {
                Entry e = index.get(id);
                if (e == null) {
                    absent.add(id);
                    continue;
                }
                sink.accept(new BatchFormat.Frame(id, e.kind(), e.bucket(), readAt(channel, e.bodyOffset(), e.length())));
            }
        } catch (IOException e) {
            throw new ArchiveException("reading the archive " + file + " failed: " + e.getMessage(), e);
        }
        if (!absent.isEmpty()) {
            throw new ObjectsUnavailableException(absent, header.unreadableOnServer() > 0
                    ? "not in the archive (the server could not read " + header.unreadableOnServer() + " objects when it was made)"
                    : "not in the archive");
        }
    }

    @Override public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ArchiveException("closing the archive " + file + " failed: " + e.getMessage(), e);
        }
    }
}
