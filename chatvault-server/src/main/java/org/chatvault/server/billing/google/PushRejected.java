package org.chatvault.server.billing.google;

/** A push whose OIDC token is missing, does not verify, or is not the configured push identity's: 401, nothing done. */
public final class PushRejected extends RuntimeException {
    PushRejected(String message) {
        super(message, null, false, false);
    }
}
