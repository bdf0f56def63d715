package org.chatvault.server.billing.google;

/**
 * The Google Play settings cannot be used (the key file is missing, shared or not a key); the server's start turns it
 * into a configuration error: one line, exit 2. The message names the setting and never quotes the secret.
 */
public final class PlaySetupException extends RuntimeException {
    PlaySetupException(String message) {
        super(message, null, false, false);
    }
}
