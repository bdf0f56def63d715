package org.chatvault.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;

/**
 * Where {@link MediaMaterializer} puts the content files of a generated history: in practice a
 * LocalStore's media directory, adapted by whoever holds both (the CLI, the benchmarks, tests),
 * since the generator knows nothing of the client.
 */
public interface MediaShelf {
    /** One attachment of a message that is backed up: the file it uses, its recorded size, its thumbnail (or null). */
    record AttachmentFile(String contentId, String mime, long size, String thumbnailId) {}

    /** Writes a file's whole content. */
    @FunctionalInterface
    interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Each attachment of a backed-up message, in the store's order; a file used twice comes twice. */
    void forEachAttachment(Consumer<AttachmentFile> sink);

    /** The size of the file held under {@code contentId}, or -1 when there is none. */
    long size(String contentId);

    /** Writes the file of {@code contentId} whole; it need not be synced (generated data can be made again). */
    void write(String contentId, ContentWriter content) throws IOException;

    /** Records that every attachment using {@code contentId} now has a file of {@code size} bytes. */
    void recordSize(String contentId, long size);
}
