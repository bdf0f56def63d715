package org.chatvault.client.archive;

import org.chatvault.client.ClientException;

/** An archive file that cannot be used: not an archive, of a newer version, cut short or damaged; the message says which. */
public final class ArchiveException extends ClientException {
    public ArchiveException(String message) { super(message); }

    public ArchiveException(String message, Throwable cause) { super(message, cause); }
}
