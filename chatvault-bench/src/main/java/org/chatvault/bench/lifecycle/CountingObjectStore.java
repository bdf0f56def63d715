package org.chatvault.bench.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.server.storage.ObjectStore;

/**
 * Pack blobs as sizes only, counting what is done to them: a job that promises never to read or rewrite
 * a pack is held to it by {@link #reads()} and {@link #writes()} staying zero (a read also fails, so a
 * broken promise cannot go unnoticed in a figure).
 */
final class CountingObjectStore implements ObjectStore {
    private final ConcurrentSkipListMap<String, Long> sizes = new ConcurrentSkipListMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong sizeLookups = new AtomicLong();

    /** A blob of {@code length} bytes under {@code key}, as the metadata generator indexes it (not counted as a write). */
    void seed(String key, long length) { sizes.put(key, length); }

    long reads() { return reads.get(); }

    long writes() { return writes.get(); }

    long deletes() { return deletes.get(); }

    long sizeLookups() { return sizeLookups.get(); }

    int blobs() { return sizes.size(); }

    @Override public void put(String key, InputStream data, long length) {
        writes.incrementAndGet();
        throw new UnsupportedOperationException("the lifecycle job wrote pack " + key);
    }

    @Override public InputStream get(String key) throws IOException {
        reads.incrementAndGet();
        throw new IOException("the lifecycle job read pack " + key);
    }

    @Override public InputStream getRange(String key, long offset, long length) throws IOException {
        reads.incrementAndGet();
        throw new IOException("the lifecycle job read part of pack " + key);
    }

    @Override public boolean delete(String key) {
        boolean existed = sizes.remove(key) != null;
        if (existed) deletes.incrementAndGet();
        return existed;
    }

    @Override public boolean exists(String key) { return sizes.containsKey(key); }

    @Override public long size(String key) {
        sizeLookups.incrementAndGet();
        return sizes.getOrDefault(key, -1L);
    }

    @Override public List<String> list(String prefix) {
        return List.copyOf(sizes.subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    }
}
