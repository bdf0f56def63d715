package org.chatvault.server;

/**
 * The server could not start for a reason the operator can fix, said in one line: the port is
 * taken or not allowed, the data directory cannot be made. Bad settings are
 * {@link org.chatvault.server.config.ConfigException}.
 */
public final class ServerStartException extends RuntimeException {
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
