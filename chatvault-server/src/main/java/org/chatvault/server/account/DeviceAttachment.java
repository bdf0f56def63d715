package org.chatvault.server.account;

/**
 * The device a login's session belongs to.
 *
 * @param credential the new device's credential, handed out once; null for a known device
 */
public record DeviceAttachment(String deviceId, String credential) {
    public boolean isNew() { return credential != null; }
}
