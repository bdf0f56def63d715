package org.chatvault.server.signing;

import java.util.Optional;

/** Where the signing service finds an account's vault public key (the account store holds it). */
@FunctionalInterface
public interface VaultPublicKeys {
    /** The 32-byte Ed25519 public key the account registered; empty if it registered none. */
    Optional<byte[]> vaultPublicKey(String accountId);
}
