package org.chatvault.server.device;

import java.time.Instant;

/**
 * A device as {@code GET /v1/devices} shows it.
 *
 * @param current         whether it is the device of the session asking
 * @param pendingApproval whether it waits for approval (asked, not expired, not approved)
 * @param publicKey       its X25519 public key, once it asked for approval; null before
 */
public record DeviceView(String deviceId, String name, String kind, Instant addedAt, Instant lastSeenAt, boolean current,
                         boolean pendingApproval, byte[] publicKey) {}
