package org.chatvault.protocol.device;

/** {@code POST /v1/devices/current/approval}: the new device's base64 X25519 public key. */
public record ApprovalRequest(String publicKey) {}
