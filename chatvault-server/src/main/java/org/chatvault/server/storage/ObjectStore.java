package org.chatvault.server.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Blob storage for packs. Keys are {@code /}-separated segments of {@code [A-Za-z0-9._-]},
 * none starting with a dot (e.g. {@code packs/<accountId>/<packId>}). Blobs are immutable: a key
 * is written once and later deleted, never rewritten in place.
 *
 * <p>Failures: {@link IllegalArgumentException} for a malformed key; {@link BlobNotFoundException}
 * when reading a key that holds nothing; other {@link IOException}s when the storage fails.
 * Implementations are thread-safe.
 */
public interface ObjectStore {

    /**
     * Stores exactly {@code length} bytes from {@code data} under {@code key}, durably and
     * atomically: after a crash the key holds either nothing (or its previous blob) or all of the
     * new bytes, never a part.
     *
     * @throws IOException if {@code data} ends early or the storage fails; nothing is stored then
     */
    void put(String key, InputStream data, long length) throws IOException;

    /** Stores a file's content; see {@link #put(String, InputStream, long)}. */
    default void put(String key, Path source) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            put(key, in, Files.size(source));
        }
    }

    /**
     * Stores a file's content, taking the file: afterwards it is gone from where it was (moved
     * into the store, or copied and deleted). Same durability and atomicity as {@link #put}.
     */
    default void adopt(String key, Path file) throws IOException {
        put(key, file);
        Files.delete(file);
    }

    /**
     * Whether several puts at once finish sooner than the same puts one after another, so a writer
     * of many blobs should issue them together: on a local file system their fsyncs fold into a
     * few journal commits. A backend that answers false gets its puts one at a time, in order.
     */
    default boolean overlapsPuts() {
        return false;
    }

    /** Streams the whole blob; the caller closes the stream. */
    InputStream get(String key) throws IOException;

    /**
     * Streams {@code length} bytes starting at {@code offset}.
     *
     * @throws IOException if the range reaches past the end of the blob
     */
    InputStream getRange(String key, long offset, long length) throws IOException;

    /** @return false if there was nothing to delete */
    boolean delete(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** The blob's length in bytes, or -1 if the key holds nothing. */
    long size(String key) throws IOException;

    /** Every key starting with {@code prefix}, sorted. */
    List<String> list(String prefix) throws IOException;

    /**
     * This store, writing its new blobs in {@code tier}; reading, deleting and listing are the
     * same as through this store. A backend with a single storage class returns itself.
     */
    default ObjectStore inTier(StorageTier tier) {
        return this;
    }

    /**
     * Moves a stored blob to {@code tier} in place: same key, same bytes, only its price changes.
     * Idempotent. A backend with a single storage class only checks that the blob is there.
     *
     * @throws BlobNotFoundException if the key holds nothing
     */
    default void changeTier(String key, StorageTier tier) throws IOException {
        if (!exists(key)) throw new BlobNotFoundException(key);
    }
}
