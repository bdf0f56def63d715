package org.chatvault.client.account;

/** How a new device proves it may open the vault: the recovery key or the passphrase. */
public sealed interface Unlock {
    record WithRecoveryKey(String code) implements Unlock {}
    record WithPassphrase(char[] passphrase) implements Unlock {}
}
