package org.chatvault.client;

/**
 * Root of every failure the client reports to its caller (CLI, app, tests): the server refused
 * ({@code http.ServerRefusedException}) or could not be reached ({@code http.TransportException}),
 * the LocalStore failed ({@code local.LocalStoreException}), the vault moved or went stale under a
 * sync ({@code sync.*}), or a service could not go on for a reason its message gives. A caller
 * that only reports catches this one type; damage in the vault's data surfaces as the core's
 * {@code VaultException}.
 */
public class ClientException extends RuntimeException {
    public ClientException(String message) { super(message); }
    public ClientException(String message, Throwable cause) { super(message, cause); }
}
