package org.chatvault.client.local;

import org.chatvault.client.ClientException;

/** A LocalStore database could not be opened, read or written. */
public class LocalStoreException extends ClientException {
    public LocalStoreException(String message, Throwable cause) { super(message, cause); }
}
