package org.chatvault.client.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chatvault.core.files.OwnerOnly;

/**
 * The content files of a LocalStore's attachments and thumbnails, one file per content id, kept
 * in a directory beside the database ({@code local.db} → {@code local-media/}), fanned out by the
 * first two characters of the id so no directory grows huge.
 *
 * <p>The files are the user's photos and documents in the clear, so the directory, its fan-out
 * directories and the files are owner-only ({@link #secureExisting} fixes a tree made before).
 *
 * <p>Content ids reach this class from restored vaults too, so they are checked before they
 * become paths: a crafted id must not name a file outside the directory.
 */
public final class MediaFiles {
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{1,127}");
    private static final String TEMP_SUFFIX = ".part";

    private final Path root;

    public MediaFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The media directory of the LocalStore database {@code dbFile}. */
    public static MediaFiles besideDatabase(Path dbFile) {
        String name = dbFile.getFileName().toString();
        String stem = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return new MediaFiles(dbFile.toAbsolutePath().resolveSibling(stem + "-media"));
    }

    public Path root() { return root; }

    /** Tightens the directory and, once, everything in it, if it exists and others could read it. */
    public void secureExisting() throws IOException {
        OwnerOnly.tree(root);
    }

    public static boolean validId(String contentId) {
        return contentId != null && CONTENT_ID.matcher(contentId).matches();
    }

    /** @throws IllegalArgumentException for an id that cannot be a file name here */
    public Path path(String contentId) {
        if (!validId(contentId)) throw new IllegalArgumentException("not a usable content id: " + contentId);
        return root.resolve(contentId.substring(0, 2)).resolve(contentId);
    }

    /** The file's size, if this device has the file. */
    public Optional<Long> size(String contentId) {
        try {
            return Optional.of(Files.size(path(contentId)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean has(String contentId) {
        return Files.isRegularFile(path(contentId));
    }

    /**
     * Writes a content file whole or not at all: a temp file, synced, then renamed into place,
     * so an interrupted restore never leaves a truncated photo that looks complete.
     */
    public void write(String contentId, Writer writer) throws IOException {
        write(contentId, writer, true);
    }

    /** As {@link #write(String, Writer)}; {@code sync=false} skips the fsync, for generated data. */
    public void write(String contentId, Writer writer, boolean sync) throws IOException {
        Path target = path(contentId);
        if (!Files.isDirectory(target.getParent())) {
            OwnerOnly.directory(target.getParent()); // and any missing ancestor, owner-only too
        }
        Path temp = target.resolveSibling(contentId + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.newFile(temp));
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                OwnerOnly.file(temp);
                writer.writeTo(out);
                out.flush();
                if (sync) ch.force(false);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A new, empty, owner-only file inside this directory for content whose id is known only once
     * it is written (an importer hashes a file as it copies it); {@link #moveIn} puts it in place.
     */
    public Path newTemporaryFile() throws IOException {
        if (!Files.isDirectory(root)) OwnerOnly.directory(root);
        Path temp = root.resolve("incoming-" + UUID.randomUUID() + TEMP_SUFFIX);
        Files.createFile(temp, OwnerOnly.newFile(temp));
        OwnerOnly.file(temp);
        return temp;
    }

    /**
     * Moves a finished file from {@link #newTemporaryFile} to {@code contentId}'s place (replacing
     * a file already there, which by the content id holds the same bytes).
     *
     * @return true if no file of that id was here before
     */
    public boolean moveIn(Path temp, String contentId) throws IOException {
        Path target = path(contentId);
        if (!Files.isDirectory(target.getParent())) OwnerOnly.directory(target.getParent());
        boolean isNew = !Files.exists(target);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return isNew;
    }

    /** Removes a content file (an import that failed takes back the files it added). */
    public void delete(String contentId) throws IOException {
        Files.deleteIfExists(path(contentId));
    }

    public InputStream open(String contentId) throws IOException {
        return Files.newInputStream(path(contentId));
    }

    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }
}
