package org.chatvault.client.local;

/** A LocalStore database could not be opened, read or written. */
public class LocalStoreException extends RuntimeException {
    public LocalStoreException(String message, Throwable cause) { super(message, cause); }
}
