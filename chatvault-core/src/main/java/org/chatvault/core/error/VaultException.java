package org.chatvault.core.error;

/** Base of every failure the vault format reports. */
public class VaultException extends RuntimeException {
    public VaultException(String message) { super(message); }
    public VaultException(String message, Throwable cause) { super(message, cause); }
}
