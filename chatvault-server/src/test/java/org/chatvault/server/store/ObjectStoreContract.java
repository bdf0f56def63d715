package org.chatvault.server.store;

import org.chatvault.server.storage.BlobNotFoundException;

import org.chatvault.server.storage.ObjectStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ObjectStore} backend must do. A backend's test extends this and supplies a
 * fresh, empty store; the same cases then run against filesystem, S3, …
 */
public abstract class ObjectStoreContract {
    private static final long SEED = 0x5eedL;
    protected ObjectStore store;
    private final SplittableRandom random = new SplittableRandom(SEED);

    /** A new, empty store for one test. */
    protected abstract ObjectStore newStore() throws IOException;

    @BeforeEach
    void setUp() throws IOException {
        store = newStore();
    }

    protected byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    private void put(String key, byte[] data) throws IOException {
        store.put(key, new ByteArrayInputStream(data), data.length);
    }

    @Test
    void putThenGetReturnsTheBytes() throws IOException {
        byte[] data = bytes(300_000);
        put("packs/acc-1/p1", data);
        assertThat(store.exists("packs/acc-1/p1")).isTrue();
        assertThat(store.size("packs/acc-1/p1")).isEqualTo(300_000);
        assertThat(store.size("packs/acc-1/none")).isEqualTo(-1);
        try (InputStream in = store.get("packs/acc-1/p1")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void emptyBlobIsABlob() throws IOException {
        put("packs/a/empty", new byte[0]);
        assertThat(store.exists("packs/a/empty")).isTrue();
        assertThat(store.size("packs/a/empty")).isZero();
        try (InputStream in = store.get("packs/a/empty")) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void putFromAPath(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        byte[] data = bytes(1000);
        Path f = Files.write(tmp.resolve("src"), data);
        store.put("packs/a/from-file", f);
        try (InputStream in = store.get("packs/a/from-file")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void adoptingAFileStoresItAndTakesTheFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        byte[] data = bytes(70_000);
        Path f = Files.write(tmp.resolve("spool"), data);
        store.adopt("packs/a/adopted", f);
        assertThat(f).doesNotExist();
        try (InputStream in = store.get("packs/a/adopted")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void rangeReadsReturnExactlyTheRange() throws IOException {
        byte[] data = bytes(100_000);
        put("packs/a/r", data);
        int[][] ranges = {{0, 10}, {5, 0}, {99_990, 10}, {12_345, 54_321}, {0, 100_000}};
        for (int[] r : ranges) {
            try (InputStream in = store.getRange("packs/a/r", r[0], r[1])) {
                assertThat(in.readAllBytes()).as("range %d+%d", r[0], r[1]).isEqualTo(java.util.Arrays.copyOfRange(data, r[0], r[0] + r[1]));
            }
        }
    }

    @Test
    void rangePastTheEndFails() throws IOException {
        put("packs/a/short", bytes(10));
        assertThatThrownBy(() -> store.getRange("packs/a/short", 5, 6).readAllBytes()).isInstanceOf(IOException.class);
    }

    @Test
    void readingAnAbsentKeyFailsWithBlobNotFound() {
        assertThatThrownBy(() -> store.get("packs/a/none")).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store.getRange("packs/a/none", 0, 1)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void shortInputStoresNothing() throws IOException {
        assertThatThrownBy(() -> store.put("packs/a/cut", new ByteArrayInputStream(new byte[5]), 10)).isInstanceOf(IOException.class);
        assertThat(store.exists("packs/a/cut")).isFalse();
        assertThat(store.list("packs/")).isEmpty();
    }

    @Test
    void deleteRemovesAndReportsWhetherThereWasSomething() throws IOException {
        put("packs/a/d", bytes(10));
        assertThat(store.delete("packs/a/d")).isTrue();
        assertThat(store.exists("packs/a/d")).isFalse();
        assertThat(store.delete("packs/a/d")).isFalse();
    }

    @Test
    void listReturnsKeysUnderAPrefixSorted() throws IOException {
        put("packs/acc-2/b", bytes(1));
        put("packs/acc-1/b", bytes(1));
        put("packs/acc-1/a", bytes(1));
        put("packs/acc-10/a", bytes(1));
        put("other/x", bytes(1));
        assertThat(store.list("packs/acc-1/")).containsExactly("packs/acc-1/a", "packs/acc-1/b");
        assertThat(store.list("packs/acc-1")).containsExactly("packs/acc-1/a", "packs/acc-1/b", "packs/acc-10/a");
        assertThat(store.list("packs/")).hasSize(4);
        assertThat(store.list("")).hasSize(5);
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    void malformedKeysAreRejected() {
        for (String bad : List.of("", "/abs", "a//b", "../escape", "a/../b", "a/.hidden", "sp ace", "a/b/")) {
            assertThatThrownBy(() -> store.put(bad, new ByteArrayInputStream(new byte[1]), 1)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void concurrentPutsOfDifferentKeysAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> done = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int n = i;
                byte[] data = bytes(1000 + i);
                done.add(pool.submit(() -> {
                    put("packs/acc/" + n, data);
                    return data;
                }));
            }
            for (int i = 0; i < done.size(); i++) {
                byte[] expected = done.get(i).get();
                try (InputStream in = store.get("packs/acc/" + i)) {
                    assertThat(in.readAllBytes()).isEqualTo(expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
