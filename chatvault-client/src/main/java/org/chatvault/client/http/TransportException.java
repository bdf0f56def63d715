package org.chatvault.client.http;

import org.chatvault.client.ClientException;

/** The server could not be reached, or the connection dropped, and retrying did not help. */
public class TransportException extends ClientException {
    public TransportException(String message, Throwable cause) { super(message, cause); }
}
