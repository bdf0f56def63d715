package org.chatvault.core.crypto;

/** What wraps the master key in a key slot. The code is part of the vault format. */
enum KeySlotKind {
    RECOVERY(1), PASSPHRASE(2), DEVICE(3);

    private final int code;

    KeySlotKind(int code) { this.code = code; }

    int code() { return code; }

    static KeySlotKind fromCode(int code) {
        for (KeySlotKind k : values()) if (k.code == code) return k;
        throw new IllegalArgumentException("unknown key slot kind " + code);
    }
}
