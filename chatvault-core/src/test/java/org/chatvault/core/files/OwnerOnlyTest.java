package org.chatvault.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {
    @TempDir Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static Path loose(Path p, String mode) throws IOException {
        return Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }

    @Test
    void directoryCreatesItAndItsMissingParentsOwnerOnlyAndTightensAnExistingOne() throws IOException {
        loose(dir, "rwxr-xr-x");
        Path deep = dir.resolve("a/b/c");
        assertThat(OwnerOnly.directory(deep)).isEqualTo(deep);
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(mode(deep)).isEqualTo("rwx------");
        assertThat(mode(dir)).as("an existing parent is not ours to change").isEqualTo("rwxr-xr-x");

        Path existing = Files.createDirectory(dir.resolve("old"));
        loose(existing, "rwxrwxrwx");
        OwnerOnly.directory(existing);
        assertThat(mode(existing)).isEqualTo("rwx------");
    }

    @Test
    void fileTightensAnExistingFileAndIgnoresAMissingOne() throws IOException {
        Path f = loose(Files.writeString(dir.resolve("secret"), "x"), "rw-rw-r--");
        OwnerOnly.file(f);
        assertThat(mode(f)).isEqualTo("rw-------");
        OwnerOnly.file(dir.resolve("absent"));
        assertThat(dir.resolve("absent")).doesNotExist();
    }

    @Test
    void newFileAttributesNeverGiveOthersAnything() throws IOException {
        Path f = dir.resolve("new");
        try (FileChannel ch = FileChannel.open(f, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.newFile(f))) {
            assertThat(mode(f)).doesNotContain("r--r").endsWith("------");
        }
        OwnerOnly.file(f);
        assertThat(mode(f)).isEqualTo("rw-------");
    }

    @Test
    void aLooseTreeIsTightenedThroughoutOnce() throws IOException {
        Path root = Files.createDirectories(dir.resolve("media/ab"));
        Path photo = loose(Files.writeString(root.resolve("abcdef"), "jpeg"), "rw-r--r--");
        loose(root, "rwxr-xr-x");
        loose(dir.resolve("media"), "rwxr-xr-x");
        OwnerOnly.tree(dir.resolve("media"));
        assertThat(mode(dir.resolve("media"))).isEqualTo("rwx------");
        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(photo)).isEqualTo("rw-------");
        OwnerOnly.tree(dir.resolve("nothing-here"));
        assertThat(dir.resolve("nothing-here")).doesNotExist();
    }

    @Test
    void anSqliteDatabaseIsCreatedOwnerOnlyAndItsSideFilesTightened() throws IOException {
        Path db = dir.resolve("local.db");
        OwnerOnly.sqliteDatabase(db);
        assertThat(db).isEmptyFile();
        assertThat(mode(db)).isEqualTo("rw-------");

        loose(db, "rw-r--r--");
        Path wal = loose(Files.writeString(dir.resolve("local.db-wal"), "w"), "rw-r--r--");
        Path shm = loose(Files.writeString(dir.resolve("local.db-shm"), "s"), "rw-rw-rw-");
        Path journal = loose(Files.writeString(dir.resolve("local.db-journal"), "j"), "rw-r-----");
        OwnerOnly.sqliteDatabase(db);
        for (Path p : new Path[] {db, wal, shm, journal}) assertThat(mode(p)).as(p.toString()).isEqualTo("rw-------");
        assertThat(wal).hasContent("w");
    }
}
