package org.chatvault.server.account;

/**
 * Where a login comes from, for the abuse limits.
 *
 * @param clientAddress the client's address key as the HTTP layer resolved it (trusted proxies
 *                      considered); null only for calls from inside the server
 * @param knownDeviceId the id of a device whose own credential this login has already proven,
 *                      or null. Such a login is not locked out by other people's failures on the
 *                      same username: it skips the per-account rate and has a failed-login count
 *                      of its own (per device), while the per-address rate still applies. Set it
 *                      only after verifying the device credential: a claimed id is worth nothing.
 */
public record LoginOrigin(String clientAddress, String knownDeviceId) {
    /** A login from {@code clientAddress} that has proven nothing but its password. */
    public static LoginOrigin from(String clientAddress) {
        return new LoginOrigin(clientAddress, null);
    }

    public boolean knownDevice() {
        return knownDeviceId != null;
    }
}
