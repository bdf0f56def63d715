package org.chatvault.client.sync;

import org.chatvault.client.ClientException;

/**
 * The server offered a vault head older than one this device has already seen, or one that does
 * not descend from it: a database restored from an old copy, or a server that lies. Nothing on
 * this device or in the vault was changed.
 */
public final class StaleVaultException extends ClientException {
    public StaleVaultException(String message) { super(message); }
}
