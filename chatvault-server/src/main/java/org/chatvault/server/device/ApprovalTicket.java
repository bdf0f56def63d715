package org.chatvault.server.device;

import java.time.Instant;

/**
 * The answer to a new device's approval request: what it needs to show the verification code.
 *
 * @param vaultPublicKey the account's vault signing public key; null if none is registered
 */
public record ApprovalTicket(String deviceId, byte[] vaultPublicKey, Instant expiresAt) {}
