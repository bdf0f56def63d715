package org.chatvault.client;

/** Base of the failures the client reports to its caller (CLI, app, tests). */
public class ClientException extends RuntimeException {
    public ClientException(String message) { super(message); }
    public ClientException(String message, Throwable cause) { super(message, cause); }
}
