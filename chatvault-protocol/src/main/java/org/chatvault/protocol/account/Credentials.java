package org.chatvault.protocol.account;

/**
 * {@code POST /v1/accounts} and {@code POST /v1/sessions}: a username and the base64 login secret derived from the password.
 * A login also says which device it comes from: a known device presents the id and credential the server issued to it;
 * a new device may give a name and kind (registration ignores these four).
 */
public record Credentials(String username, String loginSecret, String deviceId, String deviceCredential, String deviceName, String deviceKind) {
    public Credentials(String username, String loginSecret) { this(username, loginSecret, null, null, null, null); }

    @Override public String toString() {
        return "Credentials[username=" + username + ", deviceId=" + deviceId + "]"; // never the secrets
    }
}
