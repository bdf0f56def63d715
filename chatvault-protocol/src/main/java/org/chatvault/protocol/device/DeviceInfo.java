package org.chatvault.protocol.device;

/**
 * One device in {@code GET /v1/devices}; times in epoch milliseconds.
 *
 * @param current         whether it is the device of the session asking
 * @param pendingApproval whether it waits for approval
 * @param publicKey       its base64 X25519 public key once it asked for approval, else null
 */
public record DeviceInfo(String deviceId, String name, String kind, long addedAt, long lastSeenAt, boolean current,
                         boolean pendingApproval, String publicKey) {}
