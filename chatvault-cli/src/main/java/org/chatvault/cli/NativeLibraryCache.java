package org.chatvault.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;

/**
 * Keeps the native libraries of sqlite-jdbc and zstd-jni, once unpacked from the jar, in the user's
 * cache, and points the two libraries at them. Left alone, each unpacks its 1 MB library into /tmp
 * on every start (and sqlite-jdbc first lists /tmp for leftovers of earlier runs): a noticeable share
 * of a short command. Each file is named by the CRC of its jar entry, so another version of the jar
 * never uses it; it is written under a temporary name and moved into place, so a reader never sees
 * half of one. The directory is the user's alone, as the libraries run as the user. Anything amiss
 * (no jar, an unwritable cache, another operating system) leaves the libraries to unpack themselves.
 */
final class NativeLibraryCache {
    static final String SQLITE_PATH = "org.sqlite.lib.path";
    static final String SQLITE_NAME = "org.sqlite.lib.name";
    static final String SQLITE_TMPDIR = "org.sqlite.tmpdir";
    static final String ZSTD_PATH = "ZstdNativePath";
    private static final long ABANDONED_AFTER_MILLIS = 10 * 60_000;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private NativeLibraryCache() {}

    /** The default cache: {@code $XDG_CACHE_HOME/chatvault/native}, else {@code ~/.cache/chatvault/native}. */
    static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("chatvault").resolve("native");
    }

    /** Points sqlite-jdbc and zstd-jni at their libraries in {@code dir}, unpacking them there first if need be. */
    static void use(Path dir) {
        if (System.getProperty(SQLITE_PATH) == null) {
            String name = org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
            Path lib = cached(org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name, dir);
            if (lib != null) {
                // sqlite-jdbc loads the file by its own name from a directory: the cached one has the CRC in front.
                System.setProperty(SQLITE_PATH, lib.getParent().toString());
                System.setProperty(SQLITE_NAME, lib.getFileName().toString());
                System.setProperty(SQLITE_TMPDIR, lib.getParent().toString());
            }
        }
        if (System.getProperty(ZSTD_PATH) == null) {
            String os = zstdOsFolder();
            if (os != null) {
                String arch = System.getProperty("os.arch", "");
                Path lib = cached("/" + os + "/" + arch + "/" + System.mapLibraryName("zstd-jni-" + com.github.luben.zstd.util.ZstdVersion.VERSION), dir);
                if (lib != null) System.setProperty(ZSTD_PATH, lib.toString());
            }
        }
    }

    /** zstd-jni's folder name for this operating system, or null for one it is not known to use here. */
    private static String zstdOsFolder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) return "linux";
        if (os.startsWith("mac") || os.contains("darwin")) return "darwin";
        return null;
    }

    /**
     * The cached copy in {@code dir} of the jar resource {@code resource}, unpacked now if it is not
     * there yet; null when the resource is not in a jar or the cache cannot be used.
     */
    static Path cached(String resource, Path dir) {
        URL url = NativeLibraryCache.class.getResource(resource.startsWith("/") ? resource : "/" + resource);
        if (url == null || !"jar".equals(url.getProtocol())) return null;
        try {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            JarEntry entry = connection.getJarEntry();
            if (entry.getCrc() < 0 || entry.getSize() < 0) return null;
            String file = String.format("%08x-%s", entry.getCrc(), Path.of(entry.getName()).getFileName());
            if (!ownerOnlyDirectory(dir)) return null;
            Path lib = dir.resolve(file);
            if (Files.isRegularFile(lib) && Files.size(lib) == entry.getSize()) return lib;
            Path partial = Files.createTempFile(dir, file, ".partial");
            try {
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                if (Files.size(partial) != entry.getSize()) return null;
                move(partial, lib);
            } finally {
                Files.deleteIfExists(partial);
            }
            removeAbandoned(dir);
            return lib;
        } catch (IOException | RuntimeException e) {
            return null; // the library unpacks itself into /tmp, as it always did
        }
    }

    /** Removes partial files a process killed while unpacking left behind (not one still being written). */
    private static void removeAbandoned(Path dir) throws IOException {
        long before = System.currentTimeMillis() - ABANDONED_AFTER_MILLIS;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, "*.partial")) {
            for (Path p : partials) if (Files.getLastModifiedTime(p).toMillis() < before) Files.deleteIfExists(p);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes {@code dir} if need be, and says whether only its owner may write in it. */
    private static boolean ownerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException raced) {
                // another chatvault made it at the same moment: checked below like any other
            }
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
        // Made by someone else (a shared $XDG_CACHE_HOME), it could hold their library under the expected name.
        return !p.contains(PosixFilePermission.GROUP_WRITE) && !p.contains(PosixFilePermission.OTHERS_WRITE)
                && Files.getOwner(dir).getName().equals(System.getProperty("user.name"));
    }
}
