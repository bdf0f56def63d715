package org.chatvault.protocol.account;

/**
 * The answer to a login or a refresh: bearer tokens and their expiry, in epoch milliseconds
 * ({@code refreshExpiresAt} is the session's absolute end), the account they act for (signed
 * requests name it, docs/API.md "Signed requests"), and the server's time when it answered, so a
 * client whose clock is off can still sign with the server's time. {@code deviceId} names the
 * session's device; {@code deviceCredential} is handed out once, by the login that created the
 * device, to present at its later logins (null otherwise).
 */
public record IssuedTokens(String accessToken, long accessExpiresAt, String refreshToken, long refreshExpiresAt,
                           String accountId, long serverTime, String deviceId, String deviceCredential) {

    /** The same tokens with the device fields of {@code login} where these have none (a refresh answer carries no credential). */
    public IssuedTokens withDeviceOf(IssuedTokens login) {
        if (login == null) return this;
        return new IssuedTokens(accessToken, accessExpiresAt, refreshToken, refreshExpiresAt, accountId, serverTime,
                deviceId != null ? deviceId : login.deviceId, deviceCredential != null ? deviceCredential : login.deviceCredential);
    }

    @Override public String toString() {
        return "IssuedTokens[accountId=" + accountId + ", accessExpiresAt=" + accessExpiresAt + ", refreshExpiresAt=" + refreshExpiresAt
                + ", deviceId=" + deviceId + "]";
    }
}
