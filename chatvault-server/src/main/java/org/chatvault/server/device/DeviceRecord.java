package org.chatvault.server.device;

import java.time.Instant;

/**
 * A client installation of an account, as stored.
 *
 * @param credentialHash        SHA-256 of the credential the server issued to the device; the credential itself is never stored
 * @param publicKey             the device's X25519 public key, once it asked for approval; null before
 * @param approvalRequestedAt   when it asked for approval, while it waits; null otherwise
 * @param revokedAt             when it was revoked; null while it is active
 */
public record DeviceRecord(String accountId, String deviceId, String name, String kind, byte[] credentialHash, byte[] publicKey,
                           Instant addedAt, Instant lastSeenAt, Instant approvalRequestedAt, Instant revokedAt) {
    public boolean revoked() { return revokedAt != null; }
}
