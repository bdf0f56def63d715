package org.chatvault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.server.store.fs.FileSystemObjectStore;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's files are its owner's alone: the data directory, {@code metadata.db} with its
 * side files, the object store's directories, packs and temp files — new ones created so, and
 * ones left looser (as under a umask of 022, or by an older version) tightened at start.
 */
class FileModesTest {
    @TempDir Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path loosen(Path p) throws IOException {
        return Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /** Whatever below {@code root} others could read or enter, with its mode. */
    private static List<String> looseEntries(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !mode(p).equals(Files.isDirectory(p) ? "rwx------" : "rw-------"))
                    .map(p -> root.relativize(p) + " " + mode(p)).toList();
        }
    }

    @Test
    void aNewDataDirectoryAndEverythingInItIsOwnerOnly() throws IOException {
        Path data = dir.resolve("new/data");
        try (ServerFixture fx = new ServerFixture(data)) {
            Api.Session alice = fx.api().newSession("alice");
            assertThat(fx.api().upload(alice.access(), new TestObjects(1).segments(3)).status()).isEqualTo(200);
        }
        assertThat(mode(dir.resolve("new"))).as("a parent made for it").isEqualTo("rwx------");
        assertThat(data.resolve("metadata.db")).exists();
        try (Stream<Path> packs = Files.walk(data.resolve("objects"))) {
            assertThat(packs.filter(Files::isRegularFile).count()).as("a pack was written").isPositive();
        }
        assertThat(looseEntries(data)).isEmpty();
    }

    @Test
    void filesLeftLooserAreTightenedAtStart() throws IOException {
        Path data = dir.resolve("data");
        try (ServerFixture fx = new ServerFixture(data)) {
            Api.Session alice = fx.api().newSession("alice");
            assertThat(fx.api().upload(alice.access(), new TestObjects(2).segments(2)).status()).isEqualTo(200);
        }
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) loosen(p);
        }
        assertThat(looseEntries(data)).isNotEmpty();

        new ServerFixture(data).close();
        assertThat(looseEntries(data)).isEmpty();
    }

    @Test
    void theObjectStoreWritesOwnerOnlyWhateverTheTreeAroundIt() throws IOException {
        FileSystemObjectStore store = new FileSystemObjectStore(dir.resolve("objects"));
        store.put("packs/ab/cd/p1", new ByteArrayInputStream(new byte[5]), 5);
        Path spool = Files.writeString(dir.resolve("spool"), "pack");
        loosen(spool);
        store.adopt("packs/ab/ef/p2", spool);
        assertThat(looseEntries(store.root())).isEmpty();
        assertThat(mode(store.root().resolve("packs/ab/ef/p2"))).isEqualTo("rw-------");
    }
}
