package org.chatvault.protocol.device;

import java.util.List;

/**
 * The answer to {@code GET /v1/devices}: the account's devices that are not revoked, oldest first, and the account's
 * registered vault signing public key (base64; null if none), which an approving device checks against its own.
 */
public record Devices(List<DeviceInfo> devices, String vaultPublicKey) {}
