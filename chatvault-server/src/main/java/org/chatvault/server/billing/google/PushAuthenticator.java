package org.chatvault.server.billing.google;

/**
 * Checks that a push to the notification endpoint comes from the operator's Pub/Sub push subscription: anyone can
 * reach the endpoint, and a forged notification must change nothing. The real one is {@link GoogleIdTokenAuthenticator}.
 */
public interface PushAuthenticator {
    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @throws PushRejected if it does not carry a token of the configured push identity
     */
    void authenticate(String authorization);
}
