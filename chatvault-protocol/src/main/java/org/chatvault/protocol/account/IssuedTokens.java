package org.chatvault.protocol.account;

/**
 * The answer to a login or a refresh: bearer tokens and their expiry, in epoch milliseconds. {@code refreshExpiresAt}
 * is the session's absolute end. {@code deviceId} names the session's device; {@code deviceCredential} is handed out
 * once, by the login that created the device, to present at its later logins (null otherwise).
 */
public record IssuedTokens(String accessToken, long accessExpiresAt, String refreshToken, long refreshExpiresAt,
                           String deviceId, String deviceCredential) {
    public IssuedTokens(String accessToken, long accessExpiresAt, String refreshToken, long refreshExpiresAt) {
        this(accessToken, accessExpiresAt, refreshToken, refreshExpiresAt, null, null);
    }

    /** The same tokens with the device fields of {@code login} where these have none (a refresh answer carries no credential). */
    public IssuedTokens withDeviceOf(IssuedTokens login) {
        if (login == null) return this;
        return new IssuedTokens(accessToken, accessExpiresAt, refreshToken, refreshExpiresAt,
                deviceId != null ? deviceId : login.deviceId, deviceCredential != null ? deviceCredential : login.deviceCredential);
    }

    @Override public String toString() {
        return "IssuedTokens[accessExpiresAt=" + accessExpiresAt + ", refreshExpiresAt=" + refreshExpiresAt + ", deviceId=" + deviceId + "]";
    }
}
