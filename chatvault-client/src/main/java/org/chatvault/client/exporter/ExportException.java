package org.chatvault.client.exporter;

import org.chatvault.client.ClientException;

/** An export that cannot be written: the target is not an empty directory, or the disk refused. */
public final class ExportException extends ClientException {
    public ExportException(String message) { super(message); }
    public ExportException(String message, Throwable cause) { super(message, cause); }
}
