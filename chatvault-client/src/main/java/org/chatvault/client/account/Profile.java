package org.chatvault.client.account;

import org.chatvault.protocol.account.IssuedTokens;

/**
 * What a device remembers between runs: which server and account, the device id and credential
 * the server issued to it, its X25519 private key (which opens its key slot, docs/FORMAT.md §5.2),
 * and its tokens. Stored with owner-only permissions; it opens the vault on this device, as a
 * logged-in chat app does. A profile of an older version has no device key and must log in again.
 *
 * @param deviceKey the base64 X25519 private key; null in a profile from before device keys
 */
public record Profile(String server, String username, String deviceId, String deviceCredential, String deviceKey, IssuedTokens tokens) {
    public Profile withTokens(IssuedTokens t) { return new Profile(server, username, deviceId, deviceCredential, deviceKey, t); }

    public Profile withServer(String s) { return new Profile(s, username, deviceId, deviceCredential, deviceKey, tokens); }

    /** The key slot holding the master key sealed to this device; null before the server named the device. */
    public String deviceSlotId() { return deviceId == null ? null : "device-" + deviceId; }

    @Override public String toString() {
        return "Profile[server=" + server + ", username=" + username + ", deviceId=" + deviceId + "]"; // never a secret
    }
}
