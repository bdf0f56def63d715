package org.chatvault.client.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.local.MediaFiles;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * The {@link ImportSink} over a LocalStore, used inside the import's transaction: messages go in
 * batches through {@link LocalStore#importMessages}; files are hashed as they are copied into the
 * store's media, and the ones that were new are remembered so a failed import can take them back.
 */
final class StoreImportSink implements ImportSink {
    private static final int BATCH = 10_000;

    private final LocalStore store;
    private final MediaFiles media;
    private final Set<String> conversations = new HashSet<>();
    private final List<Message> batch = new ArrayList<>(BATCH);
    private final List<String> newFiles = new ArrayList<>();
    private final Set<String> filesSeen = new HashSet<>();
    private final Set<String> absentSeen = new HashSet<>();
    private long messagesRead;
    private long messagesAdded;

    StoreImportSink(LocalStore store) {
        this.store = store;
        this.media = store.media();
    }

    @Override public void conversation(Conversation conversation) {
        store.putConversation(conversation);
        conversations.add(conversation.id());
    }

    @Override public void message(Message message) {
        if (!conversations.contains(message.conversationId()))
            throw new IllegalStateException("importer gave message " + message.id() + " before its conversation " + message.conversationId());
        batch.add(message);
        messagesRead++;
        if (batch.size() >= BATCH) flush();
    }

    @Override public Attachment file(Path file, String name, String mime) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return content(in, name, mime);
        }
    }

    @Override public Attachment content(InputStream in, String name, String mime) throws IOException {
        Path temp = media.newTemporaryFile();
        try {
            MessageDigest sha = ImportIds.sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha)) {
                size = in.transferTo(out);
            }
            String contentId = HexFormat.of().formatHex(sha.digest());
            if (media.moveIn(temp, contentId)) newFiles.add(contentId);
            filesSeen.add(contentId);
            return new Attachment(contentId, name, mime == null ? MimeTypes.of(name) : mime, size, null);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override public void contentFile(String contentId, Path file) throws IOException {
        if (!MediaFiles.validId(contentId)) throw new IllegalArgumentException("not a usable content id: " + contentId);
        filesSeen.add(contentId);
        if (media.has(contentId)) return;
        Path temp = media.newTemporaryFile();
        try {
            Files.copy(file, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (media.moveIn(temp, contentId)) newFiles.add(contentId);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override public Attachment absent(String sourceKey, String name, String mime, long size) {
        String contentId = "absent-" + ImportIds.hash(sourceKey);
        absentSeen.add(contentId);
        return new Attachment(contentId, name, mime == null ? MimeTypes.of(name) : mime, Math.max(0, size), null);
    }

    /** Writes the messages still buffered. */
    void flush() {
        if (batch.isEmpty()) return;
        messagesAdded += store.importMessages(batch);
        batch.clear();
    }

    /** Takes back the files this import added (after its transaction rolled back). Best effort: a file left behind is unused, not wrong. */
    void discardNewFiles() {
        for (String id : newFiles) {
            try {
                media.delete(id);
            } catch (IOException | RuntimeException e) {
                // an unreferenced file in the media directory harms nothing; keep taking back the others
            }
        }
    }

    int conversationCount() { return conversations.size(); }
    long messagesRead() { return messagesRead; }
    long messagesAdded() { return messagesAdded; }
    int files() { return filesSeen.size(); }
    int absentFiles() { return absentSeen.size(); }
}
