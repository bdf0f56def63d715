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

    @Test
    void deviceSlotVector() {
        byte[] wrap = Hkdf.derive(DEVICE_SECRET, "chatvault/v1/slot/device", 32);
        byte[] slot = KeySlots.seal(KeySlotKind.DEVICE, new byte[0], wrap, mk(), counting(0x20, 12));
        assertThat(hex(slot)).isEqualTo(DEVICE_SLOT);
        assertThat(KeySlots.openWithDeviceSecret(unhex(DEVICE_SLOT), DEVICE_SECRET).copyBytes()).isEqualTo(MASTER_KEY);
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
        assertThatThrownBy(() -> KeySlots.openWithRecoveryKey(unhex(RECOVERY_SLOT), RecoveryKey.parse(hex(DEVICE_SECRET))))
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
    void deviceSlotRoundTripAndWrongSecret() {
        byte[] slot = KeySlots.sealWithDeviceSecret(mk(), DEVICE_SECRET, RANDOM);
        assertThat(KeySlots.openWithDeviceSecret(slot, DEVICE_SECRET).copyBytes()).isEqualTo(MASTER_KEY);
        assertThatThrownBy(() -> KeySlots.openWithDeviceSecret(slot, RECOVERY_KEY)).isInstanceOf(WrongKeyException.class);
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
