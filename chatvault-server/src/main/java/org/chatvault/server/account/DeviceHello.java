package org.chatvault.server.account;

/**
 * What a login says about the device it comes from: either the id and credential the server
 * issued to it at an earlier login, or (for a new device) an optional name and kind. Every field
 * may be null.
 */
public record DeviceHello(String deviceId, String credential, String name, String kind) {
    public static final DeviceHello NEW = new DeviceHello(null, null, null, null);

    /** Whether the login presents a device the server issued a credential to. */
    public boolean presentsDevice() { return deviceId != null || credential != null; }

    @Override public String toString() {
        return "DeviceHello[deviceId=" + deviceId + ", name=" + name + ", kind=" + kind + "]"; // never the credential
    }
}
