package org.chatvault.server.store.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.store.ObjectStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemObjectStoreTest extends ObjectStoreContract {
    @TempDir Path dir;

    @Override
    protected ObjectStore newStore() throws IOException {
        return new FileSystemObjectStore(dir.resolve("objects"));
    }

    @Test
    void leftoverTempFilesAreInvisibleAndCleanedUp() throws IOException {
        FileSystemObjectStore fs = (FileSystemObjectStore) store;
        fs.put("packs/a/real", new ByteArrayInputStream(new byte[3]), 3);
        Path leftover = fs.root().resolve("packs/a/.p2.tmp-crashed");
        Files.write(leftover, new byte[7]);
        assertThat(fs.list("packs/")).containsExactly("packs/a/real");
        assertThat(fs.removeTempFiles()).isEqualTo(1);
        assertThat(leftover).doesNotExist();
        assertThat(fs.exists("packs/a/real")).isTrue();
    }
}
