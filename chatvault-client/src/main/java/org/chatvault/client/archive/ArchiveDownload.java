package org.chatvault.client.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.chatvault.client.ClientException;
import org.chatvault.client.account.Session;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.protocol.vault.ArchiveHeaders;

/**
 * Downloads the whole vault ({@code GET /v1/vault/archive}) into one archive file: the head, every
 * object it needs, and the key slots that open it without a device, so that
 * {@code chatvault restore --from-archive} needs no server. It is written under a temporary name
 * beside the target, owner-only, and renamed only once complete: an interrupted download leaves
 * no file that looks like an archive. Memory does not grow with the vault.
 */
public record ArchiveDownload(Session session, Clock clock) {

    /** Told how the download goes: its size once known, then the bytes as they arrive. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void started(long bytes) {}

        default void received(long bytes) {}
    }

    /** What was written: the file, the head it holds, how many objects, the file's size, how many objects the server could not read. */
    public record Report(Path file, long headVersion, long objects, long bytes, long unreadableOnServer) {}

    /**
     * Writes the archive of the account {@code username} to {@code target}, which must not exist.
     *
     * @throws ClientException if {@code target} exists or its directory does not, the account has no recovery
     *                         slot, or the download fails (nothing is left behind then)
     */
    public Report run(String username, Path target, Listener listener) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS))
            throw new ClientException(target + " already exists: choose another file name (an archive never replaces a file)");
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new ClientException("the directory " + dir + " does not exist");
        List<KeySlot> slots = session.api().keySlots().stream()
                .filter(s -> "recovery".equals(s.slotId()) || "passphrase".equals(s.slotId())).toList();
        if (slots.stream().noneMatch(s -> "recovery".equals(s.slotId())))
            throw new ClientException("this account has no recovery key slot, so no archive of it could be opened without the server");
        byte[] tag = new byte[6];
        new SecureRandom().nextBytes(tag);
        Path part = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(tag) + ".part");
        try {
            Report r = session.api().archive((headers, in) -> {
                try (in; ArchiveWriter writer = ArchiveWriter.create(part, header(headers, username, slots))) {
                    long length = headers.firstValueAsLong("Content-Length").orElse(-1);
                    listener.started(length);
                    long expected = number(headers, ArchiveHeaders.OBJECTS, true);
                    int frames;
                    try {
                        frames = BatchFormat.read(new Counting(in, listener), writer::add);
                    } catch (BatchFormat.MalformedBatchException e) {
                        throw new ClientException("the server's archive is not an object batch: " + e.getMessage());
                    }
                    if (frames != expected) throw new IOException("the server sent " + frames + " of " + expected + " objects");
                    String root = headers.firstValue(ArchiveHeaders.HEAD_ROOT).orElse(null);
                    if (root != null && !writer.holds(ObjectId.parse(root)))
                        throw new ClientException("the server could not read the vault's root manifest " + root + ", so no archive was written");
                    writer.finish();
                    return new Report(target, number(headers, ArchiveHeaders.HEAD_VERSION, true), writer.objects(), Files.size(part),
                            number(headers, ArchiveHeaders.UNREADABLE, false));
                }
            });
            Files.move(part, target); // never over a file that appeared meanwhile
            return r;
        } catch (FileAlreadyExistsException e) {
            throw new ClientException(target + " appeared while the archive was written; the archive was not kept");
        } catch (IOException e) {
            throw new ClientException("could not write the archive " + target + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ClientException("could not write the archive " + target + ": " + e.getCause().getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a leftover part file is named as such and holds only ciphertext
            }
        }
    }

    private ArchiveHeader header(HttpHeaders headers, String username, List<KeySlot> slots) {
        String root = headers.firstValue(ArchiveHeaders.HEAD_ROOT).orElse(null);
        long committedAt = number(headers, ArchiveHeaders.HEAD_COMMITTED_AT, false);
        return new ArchiveHeader(session.api().tokens().accountId(), username, session.api().base().toString(), clock.millis(),
                number(headers, ArchiveHeaders.HEAD_VERSION, true), root, root == null ? null : committedAt, slots,
                number(headers, ArchiveHeaders.UNREADABLE, false));
    }

    private static long number(HttpHeaders headers, String name, boolean required) {
        String v = headers.firstValue(name).orElse(null);
        if (v == null && !required) return 0;
        try {
            if (v != null) return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            // named below
        }
        throw new ClientException("the server's archive answer has no valid " + name + " header; is the server older than this client?");
    }

    /** Tells the listener about the bytes as they are read. */
    private static final class Counting extends FilterInputStream {
        private final Listener listener;

        Counting(InputStream in, Listener listener) {
            super(in);
            this.listener = listener;
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) listener.received(1);
            return b;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) listener.received(n);
            return n;
        }
    }
}
