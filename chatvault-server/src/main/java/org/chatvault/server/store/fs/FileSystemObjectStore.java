package org.chatvault.server.store.fs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.chatvault.server.storage.BlobNotFoundException;
import org.chatvault.core.files.OwnerOnly;
import org.chatvault.server.store.BoundedInputStream;
import org.chatvault.server.store.ObjectKeys;
import org.chatvault.server.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs as files under one root directory, one file per key. A put writes a hidden temp file
 * next to its target, fsyncs it, renames it into place atomically and fsyncs the directory, so
 * a crash leaves either the whole blob or none of it (plus perhaps a temp file that
 * {@link #removeTempFiles()} cleans up at the next start). Directories and files are owner-only
 * (a tree from before that rule is tightened when the store opens).
 */
public final class FileSystemObjectStore implements ObjectStore {
    private static final Logger log = LoggerFactory.getLogger(FileSystemObjectStore.class);
    private static final String TEMP_MARK = ".tmp-";
    private static final int COPY_BUFFER = 64 * 1024;
    // Directory fsync is how POSIX makes a rename durable; Windows cannot open directories and
    // makes renames durable on its own.
    private static final boolean SYNC_DIRECTORIES = !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Path root;

    public FileSystemObjectStore(Path root) throws IOException {
        OwnerOnly.tree(root); // packs written before this rule; first, as it walks only a root found loose
        this.root = OwnerOnly.directory(root).toAbsolutePath().normalize();
    }

    public Path root() { return root; }

    @Override
    public void put(String key, InputStream data, long length) throws IOException {
        if (length < 0) throw new IllegalArgumentException("negative length");
        Path target = resolve(key);
        createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + TEMP_MARK + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.newFile(temp))) {
                OwnerOnly.file(temp);
                OutputStream out = Channels.newOutputStream(ch);
                copyExactly(data, out, length);
                out.flush();
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        syncDirectory(target.getParent());
    }

    /** Each put waits for its own fsyncs; several at once share the file system's journal commits. */
    @Override
    public boolean overlapsPuts() {
        return true;
    }

    /** Moves the file into place (after syncing it) when it is on the same file system; copies otherwise. */
    @Override
    public void adopt(String key, Path file) throws IOException {
        Path target = resolve(key);
        createDirectories(target.getParent());
        OwnerOnly.file(file); // spool files are owner-only already; a file from elsewhere may not be
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            ObjectStore.super.adopt(key, file); // another file system: copy, then delete
            return;
        }
        syncDirectory(target.getParent());
    }

    @Override
    public InputStream get(String key) throws IOException {
        try {
            return Files.newInputStream(resolve(key));
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        }
    }

    @Override
    public InputStream getRange(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) throw new IllegalArgumentException("negative offset or length");
        FileChannel ch;
        try {
            ch = FileChannel.open(resolve(key), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(key);
        }
        try {
            long size = ch.size();
            if (offset + length > size)
                throw new EOFException("range " + offset + "+" + length + " reaches past the end of " + key + " (" + size + " bytes)");
            ch.position(offset);
            return new BoundedInputStream(Channels.newInputStream(ch), length);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public boolean delete(String key) throws IOException {
        Path target = resolve(key);
        boolean deleted = Files.deleteIfExists(target);
        if (deleted) syncDirectory(target.getParent());
        return deleted;
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public long size(String key) throws IOException {
        try {
            return Files.size(resolve(key));
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        // Walk only the deepest directory the prefix names fully, not the whole store.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolveDirectory(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) return List.of();
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .forEach(keys::add);
        }
        keys.sort(null);
        return keys;
    }

    /** Deletes temp files left by puts that a crash interrupted; call before serving. */
    public int removeTempFiles() throws IOException {
        int removed = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.contains(TEMP_MARK) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        if (removed > 0) log.info("removed {} temp files left by interrupted writes under {}", removed, root);
        return removed;
    }

    private Path resolve(String key) {
        ObjectKeys.validate(key);
        return root.resolve(key);
    }

    private Path resolveDirectory(String path) {
        ObjectKeys.validate(path);
        return root.resolve(path);
    }

    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        createDirectories(dir.getParent());
        OwnerOnly.directory(dir); // also fine when a concurrent put created it
        syncDirectory(dir.getParent());
    }

    private static void syncDirectory(Path dir) throws IOException {
        if (!SYNC_DIRECTORIES) return;
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buf = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new EOFException("blob data ended " + left + " bytes early");
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
