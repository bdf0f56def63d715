package org.chatvault.protocol.device;

/**
 * {@code POST /v1/devices/{deviceId}/approve}: the public key the approving device computed the code from (it must be
 * the one waiting) and the master key sealed to it (a device key slot, docs/FORMAT.md §5.2), both base64.
 */
public record DeviceApproval(String publicKey, String keySlot) {}
