package org.chatvault.server.vault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** An uploaded batch, fully read and validated, held in a temp file that {@link #close()} deletes. */
final class SpooledBatch implements AutoCloseable {
    private final Path file;
    private final List<SpooledFrame> frames;
    private final long bytes;
    private FileChannel channel;

    SpooledBatch(Path file, List<SpooledFrame> frames, long bytes) {
        this.file = file;
        this.frames = List.copyOf(frames);
        this.bytes = bytes;
    }

    List<SpooledFrame> frames() { return frames; }

    /** Size of the batch as received. */
    long bytes() { return bytes; }

    /** A read channel on the spool file, shared by the readers of this batch (positional reads only). */
    FileChannel channel() throws IOException {
        if (channel == null) channel = FileChannel.open(file, StandardOpenOption.READ);
        return channel;
    }

    /**
     * Hands the spool file, which holds exactly the batch as received, to {@code taker} (which
     * must move or delete it); this batch has no file afterwards.
     */
    void handOver(FileTaker taker) throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        taker.take(file);
    }

    @FunctionalInterface
    interface FileTaker {
        void take(Path file) throws IOException;
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
