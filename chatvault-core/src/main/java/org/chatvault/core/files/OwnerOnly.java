package org.chatvault.core.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files that only their owner may read or list: directories {@code rwx------}, files
 * {@code rw-------}, whatever the process's umask says. For everything that holds chats, keys,
 * tokens or the server's metadata and packs: on a shared machine another account must not read
 * a plaintext chat database because the umask happened to be 022.
 *
 * <p>New files are created with these modes (so they are never readable by others, not even for
 * a moment) and then set to them exactly, since the umask may have taken bits the owner needs.
 * Existing files and directories that are looser are tightened. On a file system without POSIX
 * permissions (Windows) every method does only the creating, silently.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** What SQLite keeps beside a database: the write-ahead log, its shared-memory index, the rollback journal. */
    private static final List<String> SQLITE_SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private OwnerOnly() {}

    /**
     * Creates {@code dir} if needed, with any missing parents (owner-only too: they were made for
     * it), and makes {@code dir} itself owner-only. Cheap when it already is: one stat.
     *
     * @return {@code dir}
     */
    public static Path directory(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (!Files.isDirectory(abs)) {
            Path parent = abs.getParent();
            if (parent != null && !Files.isDirectory(parent)) directory(parent);
            try {
                Files.createDirectory(abs, attributes(abs, DIRECTORY));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(abs)) throw e; // a file in the way; a directory made meanwhile is fine
            }
        }
        restrict(abs, DIRECTORY);
        return dir;
    }

    /**
     * Makes the existing file {@code file} owner-only; nothing if it does not exist. For a file
     * created by other code (or before this rule), and for a file just created under a umask.
     */
    public static void file(Path file) throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) restrict(file, FILE);
    }

    /**
     * The attributes that create a new file owner-only from its first moment, for
     * {@code Files.createFile} or {@code FileChannel.open(…, CREATE_NEW …)}; follow with
     * {@link #file} to undo what the umask took. None on a file system without POSIX permissions.
     */
    public static FileAttribute<?>[] newFile(Path file) {
        return attributes(file, FILE);
    }

    /**
     * Makes {@code root} owner-only and, if it was not, everything below it (directories and
     * files): a tree made before this rule is fixed once, at its next open, and one already
     * owner-only costs a single stat rather than a walk of every file. Nothing if it does not exist.
     */
    public static void tree(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || !posix(root)) return;
        if (Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS).equals(DIRECTORY)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(root)) continue; // last: until the walk ends, a crash leaves the root loose, so it is walked again
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) restrict(p, DIRECTORY);
                else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) restrict(p, FILE);
            }
        }
        restrict(root, DIRECTORY);
    }

    /**
     * Prepares an SQLite database file: created empty and owner-only if absent (SQLite then gives
     * its side files the database's mode), and tightened with its side files if present.
     */
    public static void sqliteDatabase(Path db) throws IOException {
        if (!Files.exists(db, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createFile(db, newFile(db));
            } catch (FileAlreadyExistsException e) {
                // another process created it meanwhile; tightened below
            }
        }
        file(db);
        for (String side : SQLITE_SIDE_FILES) file(db.resolveSibling(db.getFileName() + side));
    }

    private static void restrict(Path p, Set<PosixFilePermission> mode) throws IOException {
        if (!posix(p)) return;
        if (!Files.getPosixFilePermissions(p).equals(mode)) Files.setPosixFilePermissions(p, mode);
    }

    private static FileAttribute<?>[] attributes(Path p, Set<PosixFilePermission> mode) {
        return posix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
