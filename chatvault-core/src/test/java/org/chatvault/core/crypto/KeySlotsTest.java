package org.chatvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.core.TestVectors.*;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.error.WrongKeyException;
import org.junit.jupiter.api.Test;

/** docs/FORMAT.md §5: key slot layout, known answers, and what happens with the wrong secret. */
class KeySlotsTest {
    private static final Argon2Params TINY = new Argon2Params(64, 1, 1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static MasterKey mk() { return MasterKey.of(MASTER_KEY.clone()); }

    // ---- known answers ------------------------------------------------------------------------

    @Test
    void recoverySlotVector() {
        byte[] wrap = Hkdf.derive(RECOVERY_KEY, "chatvault/v1/slot/recovery", 32);
        assertThat(hex(wrap)).isEqualTo(RECOVERY_WRAP_KEY);
        byte[] slot = KeySlots.seal(KeySlotKind.RECOVERY, new byte[0], wrap, mk(), counting(0x10, 12));
        assertThat(hex(slot)).isEqualTo(RECOVERY_SLOT);
        assertThat(slot).hasSize(62);
        try (MasterKey opened = KeySlots.openWithRecoveryKey(unhex(RECOVERY_SLOT), RecoveryKey.parse(RECOVERY_DISPLAY))) {
            assertThat(opened.copyBytes()).isEqualTo(MASTER_KEY);
        }
    }

    /** Cross-checked with Python's cryptography package (X25519PrivateKey), chatvault-core/src/test/python/format_vectors.py. */
    @Test
    void deviceSlotVector() {
        try (DeviceKeyPair device = new DeviceKeyPair(DEVICE_PRIVATE_KEY.clone());
             DeviceKeyPair ephemeral = new DeviceKeyPair(EPHEMERAL_PRIVATE_KEY.clone())) {
            assertThat(hex(device.publicKey())).isEqualTo(DEVICE_PUBLIC_KEY);
            assertThat(hex(ephemeral.publicKey())).isEqualTo(EPHEMERAL_PUBLIC_KEY);
            byte[] shared = ephemeral.agree(device.publicKey());
            assertThat(hex(shared)).isEqualTo(DEVICE_SHARED_SECRET);
            assertThat(device.agree(ephemeral.publicKey())).isEqualTo(shared);
            assertThat(hex(KeySlots.deviceWrapKey(shared, ephemeral.publicKey(), device.publicKey()))).isEqualTo(DEVICE_WRAP_KEY);
            assertThat(shared).containsOnly((byte) 0); // wiped once the wrap key is derived
            byte[] slot = KeySlots.sealToDevice(mk(), device.publicKey(), ephemeral, counting(0x20, 12));
            assertThat(hex(slot)).isEqualTo(DEVICE_SLOT);
            assertThat(slot).hasSize(94);
            assertThat(KeySlots.openWithDeviceKey(unhex(DEVICE_SLOT), device).copyBytes()).isEqualTo(MASTER_KEY);
        }
    }

    @Test
    void passphraseSlotVector() {
        assertThat(hex(Argon2id.hash(PASSPHRASE.toCharArray(), PASSPHRASE_SALT, TINY, 32))).isEqualTo(PASSPHRASE_WRAP_KEY);
        byte[] slot = KeySlots.sealWithPassphrase(mk(), PASSPHRASE.toCharArray(), TINY, PASSPHRASE_SALT, counting(0x40, 12));
        assertThat(hex(slot)).isEqualTo(PASSPHRASE_SLOT);
        assertThat(slot).hasSize(87);
        assertThat(KeySlots.kindOf(slot)).isEqualTo(KeySlotKind.PASSPHRASE);
        assertThat(KeySlots.openWithPassphrase(unhex(PASSPHRASE_SLOT), PASSPHRASE.toCharArray()).copyBytes())
                .isEqualTo(MASTER_KEY);
    }

    /** RFC 9106 §5.3 (Argon2id, version 0x13) needs secret and associated data, which the vault never uses; this
     *  checks instead that the passphrase is UTF-8 encoded: a char[] and its UTF-8 bytes give the same key. */
    @Test
    void passphraseIsHashedAsUtf8() {
        byte[] utf8 = PASSPHRASE.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(hex(Argon2id.hash(utf8, PASSPHRASE_SALT, TINY, 32))).isEqualTo(PASSPHRASE_WRAP_KEY);
    }

    @Test
    void loginSecretVector() {
        assertThat(hex(LoginSecret.salt("Alice"))).isEqualTo(LOGIN_SALT);
        assertThat(hex(LoginSecret.salt("ALICE"))).isEqualTo(LOGIN_SALT);
        assertThat(hex(LoginSecret.derive("Alice", "hunter2".toCharArray()))).isEqualTo(LOGIN_SECRET);
        assertThat(Argon2Params.LOGIN).isEqualTo(new Argon2Params(19 * 1024, 2, 1));
    }

    @Test
    void defaultPassphraseCostIsWhatDesignAsksFor() {
        assertThat(Argon2Params.PASSPHRASE.memoryKiB()).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(Argon2Params.PASSPHRASE.iterations()).isGreaterThanOrEqualTo(3);
    }

    // ---- recovery key display format ---------------------------------------------------------

    @Test
    void recoveryKeyDisplayFormat() {
        RecoveryKey rk = RecoveryKey.parse(hex(RECOVERY_KEY));
        assertThat(rk.toDisplayString()).isEqualTo(RECOVERY_DISPLAY).hasSize(79).matches("([0-9a-f]{4}-){15}[0-9a-f]{4}");
        assertThat(rk.bytes()).isEqualTo(RECOVERY_KEY);
    }

    @Test
    void recoveryKeyParsingIgnoresCaseSpacesAndDashes() {
        String sloppy = " " + RECOVERY_DISPLAY.toUpperCase().replace('-', ' ').replace("2A2B", "2A-2B") + "\n";
        assertThat(RecoveryKey.parse(sloppy).bytes()).isEqualTo(RECOVERY_KEY);
        assertThatThrownBy(() -> RecoveryKey.parse(RECOVERY_DISPLAY.substring(1))).isInstanceOf(WrongKeyException.class);
        assertThatThrownBy(() -> RecoveryKey.parse(RECOVERY_DISPLAY.replace('a', 'g'))).isInstanceOf(WrongKeyException.class);
    }

    @Test
    void generatedRecoveryKeysRoundTripThroughTheirDisplayString() {
        RecoveryKey rk = RecoveryKey.generate(RANDOM);
        assertThat(RecoveryKey.parse(rk.toDisplayString()).bytes()).isEqualTo(rk.bytes());
    }

    // ---- round trips and wrong secrets -------------------------------------------------------

    @Test
    void recoverySlotRoundTripAndWrongKey() {
        RecoveryKey rk = RecoveryKey.generate(RANDOM);
        byte[] slot = KeySlots.sealWithRecoveryKey(mk(), rk, RANDOM);
        assertThat(KeySlots.openWithRecoveryKey(slot, RecoveryKey.parse(rk.toDisplayString())).copyBytes()).isEqualTo(MASTER_KEY);
        assertThatThrownBy(() -> KeySlots.openWithRecoveryKey(slot, RecoveryKey.generate(RANDOM)))
                .isInstanceOf(WrongKeyException.class);
        assertThatThrownBy(() -> KeySlots.openWithRecoveryKey(unhex(RECOVERY_SLOT), RecoveryKey.parse(hex(DEVICE_PRIVATE_KEY))))
                .isInstanceOf(WrongKeyException.class);
    }

    @Test
    void passphraseSlotRoundTripAndWrongPassphrase() {
        byte[] slot = KeySlots.sealWithPassphrase(mk(), "s3cret".toCharArray(), TINY, RANDOM);
        assertThat(KeySlots.openWithPassphrase(slot, "s3cret".toCharArray()).copyBytes()).isEqualTo(MASTER_KEY);
        assertThatThrownBy(() -> KeySlots.openWithPassphrase(slot, "s3cret ".toCharArray())).isInstanceOf(WrongKeyException.class);
        assertThatThrownBy(() -> KeySlots.openWithPassphrase(unhex(PASSPHRASE_SLOT), "Correct horse battery staple \u2713".toCharArray()))
                .isInstanceOf(WrongKeyException.class);
    }

    @Test
    void deviceSlotRoundTripAndWrongDevice() {
        try (DeviceKeyPair device = DeviceKeyPair.generate(RANDOM); DeviceKeyPair other = DeviceKeyPair.generate(RANDOM)) {
            byte[] slot = KeySlots.sealToDevice(mk(), device.publicKey(), RANDOM);
            assertThat(KeySlots.sealToDevice(mk(), device.publicKey(), RANDOM)).isNotEqualTo(slot); // fresh ephemeral key and nonce
            assertThat(KeySlots.openWithDeviceKey(slot, device).copyBytes()).isEqualTo(MASTER_KEY);
            try (DeviceKeyPair reloaded = DeviceKeyPair.fromEncodedPrivateKey(device.encodedPrivateKey())) {
                assertThat(KeySlots.openWithDeviceKey(slot, reloaded).copyBytes()).isEqualTo(MASTER_KEY);
            }
            assertThatThrownBy(() -> KeySlots.openWithDeviceKey(slot, other)).isInstanceOf(WrongKeyException.class);
            byte[] tampered = slot.clone();
            tampered[5] ^= 1; // the ephemeral public key is authenticated too
            assertThatThrownBy(() -> KeySlots.openWithDeviceKey(tampered, device)).isInstanceOfAny(WrongKeyException.class, CorruptDataException.class);
            assertThatThrownBy(() -> KeySlots.openWithDeviceKey(Arrays.copyOf(slot, 20), device)).isInstanceOf(CorruptDataException.class);
            // a low-order public key (all zeros) is refused instead of sealing to a predictable secret
            assertThatThrownBy(() -> KeySlots.sealToDevice(mk(), new byte[32], RANDOM)).isInstanceOf(WrongKeyException.class);
            assertThatThrownBy(() -> KeySlots.sealToDevice(mk(), new byte[31], RANDOM)).isInstanceOf(WrongKeyException.class);
            assertThatThrownBy(() -> DeviceKeyPair.fromEncodedPrivateKey("not base64!")).isInstanceOf(WrongKeyException.class);
        }
    }

    /** §5.7, cross-checked with Python's cryptography package (Ed25519 from the HKDF seed, HKDF for the code bits). */
    @Test
    void approvalCodeVector() {
        try (MasterKey mk = mk(); VaultSigningKey signing = mk.deriveSigningKey()) {
            assertThat(hex(signing.publicKey())).isEqualTo(VAULT_SIGNING_PUBLIC_KEY);
        }
        String code = ApprovalCode.of(unhex(DEVICE_PUBLIC_KEY), unhex(VAULT_SIGNING_PUBLIC_KEY));
        assertThat(code).isEqualTo(APPROVAL_CODE).matches("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}");
        assertThat(ApprovalCode.matches(code, " uduc 8sx3 ")).isTrue();
        assertThat(ApprovalCode.matches(code, "UDUC-8SX4")).isFalse();
        assertThat(ApprovalCode.matches(code, "")).isFalse();
        byte[] otherDevice = unhex(DEVICE_PUBLIC_KEY);
        otherDevice[0] ^= 1;
        assertThat(ApprovalCode.of(otherDevice, unhex(VAULT_SIGNING_PUBLIC_KEY))).isNotEqualTo(code);
        byte[] otherVault = unhex(VAULT_SIGNING_PUBLIC_KEY);
        otherVault[31] ^= 1;
        assertThat(ApprovalCode.of(unhex(DEVICE_PUBLIC_KEY), otherVault)).isNotEqualTo(code);
    }

    /** 8 symbols of a 32-letter alphabet carry 40 bits: over many random keys, every symbol shows up in every place. */
    @Test
    void approvalCodesUseTheWholeAlphabet() {
        java.util.List<java.util.Set<Character>> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) seen.add(new java.util.HashSet<>());
        byte[] vault = unhex(VAULT_SIGNING_PUBLIC_KEY);
        for (int n = 0; n < 2000; n++) {
            byte[] device = new byte[32];
            RANDOM.nextBytes(device);
            String code = ApprovalCode.of(device, vault);
            for (int i = 0; i < code.length(); i++) seen.get(i).add(code.charAt(i));
        }
        assertThat(ApprovalCode.ALPHABET).hasSize(32).doesNotContain("0", "1", "O", "I");
        for (int i = 0; i < 9; i++) assertThat(seen.get(i)).as("position %d", i).hasSize(i == 4 ? 1 : 32);
    }

    /** A slot's header is bound by the AAD: altering any byte after the kind fails authentication. The code cannot
     *  tell a tampered slot from a wrong secret and reports both as WrongKeyException. */
    @Test
    void anyAlteredByteOfASlotIsRejected() {
        byte[] good = unhex(RECOVERY_SLOT);
        RecoveryKey rk = RecoveryKey.parse(RECOVERY_DISPLAY);
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                var thrown = assertThatThrownBy(() -> KeySlots.openWithRecoveryKey(bad, rk)).as("byte %d bit %d", i, bit);
                if (i == 0) thrown.isInstanceOf(CorruptDataException.class);          // version
                // kind: another kind is an IllegalArgumentException; an unknown code is too, though CorruptDataException
                // would fit the error contract better (see the report on KeySlots.kindOf)
                else if (i == 1) thrown.isInstanceOfAny(IllegalArgumentException.class, CorruptDataException.class); // another valid kind: wrong slot type
                else thrown.isInstanceOf(WrongKeyException.class);                     // nonce, ciphertext, tag
            }
        }
    }

    @Test
    void alteredArgon2ParametersAreRejected() {
        byte[] slot = unhex(PASSPHRASE_SLOT);
        slot[2 + 16 + 7] = 2; // iterations 1 -> 2: the AAD no longer matches
        assertThatThrownBy(() -> KeySlots.openWithPassphrase(slot, PASSPHRASE.toCharArray())).isInstanceOf(WrongKeyException.class);
    }

    @Test
    void unreasonableArgon2CostIsRefusedBeforeHashing() {
        byte[] slot = unhex(PASSPHRASE_SLOT);
        ByteBuffer.wrap(slot).putInt(2 + 16, 4 * 1024 * 1024 + 1);
        assertThatThrownBy(() -> KeySlots.openWithPassphrase(slot, PASSPHRASE.toCharArray())).isInstanceOf(CorruptDataException.class);
        byte[] slot2 = unhex(PASSPHRASE_SLOT);
        ByteBuffer.wrap(slot2).putInt(2 + 16 + 4, 65);
        assertThatThrownBy(() -> KeySlots.openWithPassphrase(slot2, PASSPHRASE.toCharArray())).isInstanceOf(CorruptDataException.class);
    }

    @Test
    void truncatedOrExtendedSlotsAreCorrupt() {
        byte[] slot = unhex(RECOVERY_SLOT);
        for (int n : new int[] {2, 14, 61}) {
            assertThatThrownBy(() -> KeySlots.openWithRecoveryKey(Arrays.copyOf(slot, n), RecoveryKey.parse(RECOVERY_DISPLAY)))
                    .isInstanceOf(CorruptDataException.class);
        }
        assertThatThrownBy(() -> KeySlots.openWithRecoveryKey(Arrays.copyOf(slot, 63), RecoveryKey.parse(RECOVERY_DISPLAY)))
                .isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> KeySlots.openWithPassphrase(Arrays.copyOf(unhex(PASSPHRASE_SLOT), 20), PASSPHRASE.toCharArray()))
                .isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> KeySlots.kindOf(new byte[1])).isInstanceOf(CorruptDataException.class);
    }

    @Test
    void versionAndKindAreChecked() {
        byte[] slot = unhex(RECOVERY_SLOT);
        slot[0] = 2;
        assertThatThrownBy(() -> KeySlots.kindOf(slot)).isInstanceOf(CorruptDataException.class);
        assertThatThrownBy(() -> KeySlots.openWithPassphrase(unhex(RECOVERY_SLOT), PASSPHRASE.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(KeySlotKind.fromCode(1)).isEqualTo(KeySlotKind.RECOVERY);
        assertThat(KeySlotKind.fromCode(2)).isEqualTo(KeySlotKind.PASSPHRASE);
        assertThat(KeySlotKind.fromCode(3)).isEqualTo(KeySlotKind.DEVICE);
    }

    @Test
    void sealingWithARandomNonceDiffersEachTimeButOpensTheSame() {
        RecoveryKey rk = RecoveryKey.parse(RECOVERY_DISPLAY);
        byte[] a = KeySlots.sealWithRecoveryKey(mk(), rk, RANDOM);
        byte[] b = KeySlots.sealWithRecoveryKey(mk(), rk, RANDOM);
        assertThat(a).isNotEqualTo(b);
        assertThat(Arrays.copyOf(a, 2)).isEqualTo(new byte[] {1, 1});
        assertThat(KeySlots.openWithRecoveryKey(b, rk).copyBytes()).isEqualTo(MASTER_KEY);
    }
}
