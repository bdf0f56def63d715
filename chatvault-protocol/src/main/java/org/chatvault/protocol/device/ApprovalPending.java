package org.chatvault.protocol.device;

/**
 * The answer to an approval request: what the new device needs to show the verification code.
 *
 * @param vaultPublicKey the account's base64 vault signing public key; null if the account has none registered
 * @param expiresAt      when the request lapses unless approved, epoch milliseconds
 */
public record ApprovalPending(String deviceId, String vaultPublicKey, long expiresAt) {}
