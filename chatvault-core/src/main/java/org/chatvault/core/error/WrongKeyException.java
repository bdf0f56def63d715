package org.chatvault.core.error;

/** A recovery key, passphrase or device secret that does not open the key slot it was tried on. */
public class WrongKeyException extends VaultException {
    public WrongKeyException(String message) { super(message); }
}
