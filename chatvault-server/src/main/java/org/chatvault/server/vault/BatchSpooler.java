package org.chatvault.server.vault;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.protocol.batch.BatchFormat;

/**
 * Reads an upload body frame by frame, validating each as it arrives, and copies it to a temp
 * file, so a 64 MiB batch never sits on the heap. Only a batch that parses to its end is
 * returned; on any failure the temp file is gone before the exception leaves.
 */
final class BatchSpooler {
    /** Enough of a body for {@link ObjectCodec#peekKind} to check magic, version and kind. */
    private static final int PEEK_BYTES = ObjectCodec.MIN_BODY_BYTES;
    private static final int COPY_BUFFER = 1024 * 1024; // large writes: fewer system calls for tens of MiB

    private final Path tmpDir;

    BatchSpooler(Path tmpDir) {
        this.tmpDir = tmpDir;
    }

    /**
     * @throws VaultRequestException {@code truncated_batch}, {@code malformed_batch}, {@code invalid_bucket},
     *                      {@code object_too_large}, {@code too_many_ids}, or whatever {@code in} throws on overrun
     */
    SpooledBatch spool(InputStream in) throws IOException {
        Path file = Files.createTempFile(tmpDir, "upload-", ".batch");
        try {
            List<SpooledFrame> frames = new ArrayList<>();
            long bytes;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), COPY_BUFFER)) {
                bytes = copyFrames(in, out, frames);
            }
            return new SpooledBatch(file, frames, bytes);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static long copyFrames(InputStream in, OutputStream out, List<SpooledFrame> frames) throws IOException {
        byte[] magic = in.readNBytes(BatchFormat.MAGIC.length);
        if (magic.length < BatchFormat.MAGIC.length) throw truncated(0);
        if (!Arrays.equals(magic, BatchFormat.MAGIC)) throw new VaultRequestException.MalformedBatch("a batch starts with \"CVB1\"");
        out.write(magic);
        long pos = magic.length;
        byte[] header = new byte[BatchFormat.FRAME_HEADER_BYTES];
        byte[] buf = new byte[COPY_BUFFER];
        while (true) {
            int got = in.readNBytes(header, 0, header.length);
            if (got == 0) return pos;
            if (got < header.length) throw truncated(frames.size());
            if (frames.size() == BatchFormat.MAX_FRAMES)
                throw new VaultRequestException.TooManyObjects(BatchFormat.MAX_FRAMES);
            SpooledFrame frame = parseHeader(header, pos, frames.size());
            out.write(header);
            // The first bytes of the body carry its own header: check it names the frame's kind.
            int peek = Math.min(frame.length(), PEEK_BYTES);
            if (in.readNBytes(buf, 0, peek) < peek) throw truncated(frames.size());
            checkBodyKind(frame, Arrays.copyOf(buf, peek), frames.size());
            out.write(buf, 0, peek);
            long left = frame.length() - peek;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw truncated(frames.size());
                out.write(buf, 0, n);
                left -= n;
            }
            frames.add(frame);
            pos += frame.frameBytes();
        }
    }

    private static SpooledFrame parseHeader(byte[] header, long pos, int index) {
        ByteBuffer h = ByteBuffer.wrap(header);
        ObjectId id = ObjectId.read(header, 0);
        h.position(ObjectId.BYTES);
        int kindCode = Byte.toUnsignedInt(h.get());
        int bucket = h.getInt();
        long length = Integer.toUnsignedLong(h.getInt());
        ObjectKind kind;
        try {
            kind = ObjectKind.fromCode(kindCode);
        } catch (IllegalArgumentException e) {
            throw new VaultRequestException.MalformedBatch("frame " + index + " names unknown object kind " + kindCode);
        }
        if (!BatchFormat.validBucket(kind, bucket))
            throw new VaultRequestException.InvalidBucket("frame " + index + ": " + (kind.bucketed()
                    ? kind + " objects need a bucket yyyymm, not " + Integer.toUnsignedString(bucket)
                    : kind + " objects take bucket 0, not " + Integer.toUnsignedString(bucket)));
        if (length > BatchFormat.MAX_BODY_BYTES)
            throw new VaultRequestException.ObjectTooLarge(index, length, BatchFormat.MAX_BODY_BYTES);
        return new SpooledFrame(id, kind, bucket, pos, (int) length);
    }

    private static void checkBodyKind(SpooledFrame frame, byte[] head, int index) {
        ObjectKind bodyKind;
        try {
            bodyKind = ObjectCodec.peekKind(head);
        } catch (CorruptDataException e) {
            throw new VaultRequestException.MalformedBatch("frame " + index + " does not hold a Chatvault object: " + e.getMessage());
        }
        if (bodyKind != frame.kind())
            throw new VaultRequestException.MalformedBatch("frame " + index + " says " + frame.kind() + " but its body is a " + bodyKind);
    }

    private static VaultRequestException truncated(int completeFrames) {
        return new VaultRequestException.TruncatedBatch(completeFrames);
    }
}
