package org.chatvault.client.account;

import org.chatvault.protocol.account.IssuedTokens;

/**
 * What a device remembers between runs: which server and account, its device key slot and
 * secret, and its tokens. Stored with owner-only permissions; it opens the vault on this device,
 * as a logged-in chat app does.
 */
public record Profile(String server, String username, String deviceSlotId, String deviceSecret, IssuedTokens tokens) {
    public Profile withTokens(IssuedTokens t) { return new Profile(server, username, deviceSlotId, deviceSecret, t); }

    @Override public String toString() {
        return "Profile[server=" + server + ", username=" + username + ", deviceSlotId=" + deviceSlotId + "]";
    }
}
