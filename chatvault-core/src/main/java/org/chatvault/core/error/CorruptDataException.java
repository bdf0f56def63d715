package org.chatvault.core.error;

/** Bytes that do not authenticate or do not decode: tampered, truncated, swapped or of another vault. */
public class CorruptDataException extends VaultException {
    public CorruptDataException(String message) { super(message); }
    public CorruptDataException(String message, Throwable cause) { super(message, cause); }
}
