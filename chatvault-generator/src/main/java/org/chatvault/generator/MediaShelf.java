package org.chatvault.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

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

    /** Writes the file of a content id whole. */
    @FunctionalInterface
    interface FileWriter {
        void write(String contentId, ContentWriter content) throws IOException;
    }

    /** A shelf from one function per method, so a caller adapts its store in one expression. */
    static MediaShelf of(Consumer<Consumer<AttachmentFile>> attachments, ToLongFunction<String> size, FileWriter writer,
                         ObjLongConsumer<String> recordSize) {
        return new MediaShelf() {
            @Override public void forEachAttachment(Consumer<AttachmentFile> sink) { attachments.accept(sink); }

            @Override public long size(String contentId) { return size.applyAsLong(contentId); }

            @Override public void write(String contentId, ContentWriter content) throws IOException { writer.write(contentId, content); }

            @Override public void recordSize(String contentId, long bytes) { recordSize.accept(contentId, bytes); }
        };
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
