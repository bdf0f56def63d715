package org.chatvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryCacheTest {
    private static final String SQLITE = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/"
            + org.sqlite.util.LibraryLoaderUtil.getNativeLibName();

    @Test void unpacksALibraryOnceIntoAnOwnerOnlyDirectoryWithTheSameBytes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("cache").resolve("native");
        Path lib = NativeLibraryCache.cached(SQLITE, dir);

        assertThat(lib).isNotNull().isRegularFile().hasParent(dir);
        assertThat(lib.getFileName().toString()).matches("[0-9a-f]{8}-libsqlitejdbc\\.\\w+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (InputStream in = NativeLibraryCache.class.getResourceAsStream(SQLITE)) {
            assertThat(Files.readAllBytes(lib)).isEqualTo(in.readAllBytes());
        }
        FileTime written = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(lib, written);

        assertThat(NativeLibraryCache.cached(SQLITE, dir)).as("the second run finds it").isEqualTo(lib);
        assertThat(Files.getLastModifiedTime(lib)).as("not written again").isEqualTo(written);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no partial file left behind").containsExactly(lib);
        }
    }

    @Test void aTruncatedCopyIsReplaced(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("native");
        Path lib = NativeLibraryCache.cached(SQLITE, dir);
        Files.write(lib, new byte[] {1, 2, 3});

        assertThat(NativeLibraryCache.cached(SQLITE, dir)).isEqualTo(lib);
        assertThat(Files.size(lib)).isGreaterThan(3);
    }

    @Test void partialFilesOfKilledRunsAreRemovedWhenALibraryIsWritten(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("native");
        Path lib = NativeLibraryCache.cached(SQLITE, dir);
        Path abandoned = Files.write(dir.resolve("0000-lib.so123.partial"), new byte[] {1});
        Files.setLastModifiedTime(abandoned, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path fresh = Files.write(dir.resolve("0001-lib.so456.partial"), new byte[] {1});
        Files.delete(lib);

        assertThat(NativeLibraryCache.cached(SQLITE, dir)).isEqualTo(lib);
        assertThat(abandoned).doesNotExist();
        assertThat(fresh).as("maybe another process's, still being written").exists();
    }

    @Test void aDirectoryOthersMayWriteInIsNotUsed(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(NativeLibraryCache.cached(SQLITE, dir)).isNull();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test void aResourceOutsideAJarIsLeftToTheLibrary(@TempDir Path tmp) {
        assertThat(NativeLibraryCache.cached("/org/chatvault/cli/Main.class", tmp.resolve("native"))).as("from target/classes").isNull();
        assertThat(NativeLibraryCache.cached("/no/such/library.so", tmp.resolve("native"))).isNull();
    }
}
