package org.chatvault.client.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.chatvault.core.model.Attachment;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.Message;

/**
 * Where an {@link Importer} puts what it reads. A conversation is given before its messages (and
 * may be given again with more participants: the last wins); messages may come in any order and
 * are written in batches, all inside the import's one transaction. Files are copied into the
 * LocalStore's media as they are named, under the SHA-256 of their bytes.
 */
public interface ImportSink {
    void conversation(Conversation conversation);

    void message(Message message);

    /** Copies a file of the export into the LocalStore's media; {@code mime} null: guessed from the name. */
    Attachment file(Path file, String name, String mime) throws IOException;

    /** As {@link #file}, from a stream (a zip entry); the stream is read to its end, not closed. */
    Attachment content(InputStream in, String name, String mime) throws IOException;

    /**
     * Copies {@code file} into the LocalStore's media under a content id the export already carries
     * (Chatvault's own export keeps the ids it was written with, so a re-import is lossless). The
     * id is checked ({@code MediaFiles.validId}); an id already present here is left as it is.
     *
     * @throws ImportException via the caller for an unusable id: check {@code MediaFiles.validId} first
     */
    void contentFile(String contentId, Path file) throws IOException;

    /**
     * An attachment the export names but does not hold ("File not included", {@code <Media
     * omitted>}): kept so the message says what was there; its content id is derived from
     * {@code sourceKey} (stable across imports) and no file exists for it.
     *
     * @param size the size the export states, or 0
     */
    Attachment absent(String sourceKey, String name, String mime, long size);
}
