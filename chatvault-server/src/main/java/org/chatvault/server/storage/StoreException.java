package org.chatvault.server.storage;

/**
 * The metadata backend failed (connection lost, disk full, corrupt database, constraint the
 * caller could not have foreseen). Not a client error: the HTTP layer answers 500.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
