package org.chatvault.server.account;

/**
 * Who a request acts for, as proven by its access token.
 *
 * @param deviceId the device whose session it is; null for a session opened before devices existed
 */
public record Principal(String accountId, String sessionId, String deviceId) {
    public Principal(String accountId, String sessionId) { this(accountId, sessionId, null); }
}
