package org.chatvault.server.device;

/**
 * A request about devices that the server refuses; mapped to its status and wire code in
 * {@code http/ErrorMapping}. The message is safe to show the client.
 */
public abstract sealed class DeviceException extends RuntimeException {
    private DeviceException(String message) {
        super(message, null, false, false);
    }

    public static final class NotFound extends DeviceException {
        public NotFound(String deviceId) { super("no device " + deviceId); }
    }

    /** A device id, name, kind, key or slot out of its bounds. */
    public static final class Invalid extends DeviceException {
        public Invalid(String message) { super(message); }
    }

    /** The device was revoked: its credential opens no session any more. */
    public static final class Revoked extends DeviceException {
        public Revoked() { super("this device was revoked; log in as a new device"); }
    }

    /** No approval request of that device and key is waiting (never made, expired, or approved already). */
    public static final class NoPendingApproval extends DeviceException {
        public NoPendingApproval(String deviceId) {
            super("device " + deviceId + " has no pending approval request for that key; ask again from the new device");
        }
    }
}
