package org.chatvault.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.chatvault.core.error.CorruptDataException;
import org.chatvault.core.error.WrongKeyException;

/**
 * Wraps and unwraps the master key. A slot is {@code version ‖ kind ‖ params ‖ nonce ‖ AES-GCM(MK)}
 * where the AAD is {@code "chatvault-keyslot" ‖ version ‖ kind ‖ params}; docs/FORMAT.md §5.
 * Device slots are sealed to the device's X25519 key ({@link DeviceKeyPair}). A sealed slot is ciphertext and may leave the client; the wrapping keys derived here are wiped
 * before each method returns, and an opened {@link MasterKey} is the caller's to close.
 */
public final class KeySlots {
    static final int VERSION = 1;
    private static final byte[] AAD_PREFIX = "chatvault-keyslot".getBytes(StandardCharsets.US_ASCII);
    private static final String LABEL_RECOVERY = "chatvault/v1/slot/recovery";
    private static final String LABEL_DEVICE = "chatvault/v1/slot/device-x25519";
    private static final int SALT_BYTES = 16;
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 16;

    private KeySlots() {}

    public static byte[] sealWithRecoveryKey(MasterKey mk, RecoveryKey rk, SecureRandom random) {
        byte[] wrap = Hkdf.derive(rk.bytes(), LABEL_RECOVERY, 32);
        return seal(KeySlotKind.RECOVERY, new byte[0], wrap, mk, nonce(random));
    }

    /**
     * Seals the master key to a device's X25519 public key (§5.2): an ephemeral key pair, whose
     * public half is the slot's params, agrees a secret with the device's key; only the device's
     * private key opens the slot.
     *
     * @throws WrongKeyException for a device public key of the wrong length or of low order
     */
    public static byte[] sealToDevice(MasterKey mk, byte[] devicePublicKey, SecureRandom random) {
        try (DeviceKeyPair ephemeral = DeviceKeyPair.generate(random)) {
            return sealToDevice(mk, devicePublicKey, ephemeral, nonce(random));
        }
    }

    static byte[] sealToDevice(MasterKey mk, byte[] devicePublicKey, DeviceKeyPair ephemeral, byte[] nonce) {
        byte[] epk = ephemeral.publicKey();
        return seal(KeySlotKind.DEVICE, epk, deviceWrapKey(ephemeral.agree(devicePublicKey), epk, devicePublicKey), mk, nonce);
    }

    /** HKDF of the X25519 secret, bound to both public keys; wipes {@code shared}. */
    static byte[] deviceWrapKey(byte[] shared, byte[] ephemeralPublicKey, byte[] devicePublicKey) {
        try {
            return Hkdf.derive(shared, Bytes.concat(LABEL_DEVICE.getBytes(StandardCharsets.US_ASCII), ephemeralPublicKey, devicePublicKey), 32);
        } finally {
            Bytes.wipe(shared);
        }
    }

    public static byte[] sealWithPassphrase(MasterKey mk, char[] passphrase, Argon2Params p, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return sealWithPassphrase(mk, passphrase, p, salt, nonce(random));
    }

    static byte[] sealWithPassphrase(MasterKey mk, char[] passphrase, Argon2Params p, byte[] salt, byte[] nonce) {
        byte[] params = ByteBuffer.allocate(SALT_BYTES + 9).put(salt)
                .putInt(p.memoryKiB()).putInt(p.iterations()).put((byte) p.parallelism()).array();
        byte[] wrap = Argon2id.hash(passphrase, salt, p, 32);
        return seal(KeySlotKind.PASSPHRASE, params, wrap, mk, nonce);
    }

    static byte[] seal(KeySlotKind kind, byte[] params, byte[] wrapKey, MasterKey mk, byte[] nonce) {
        byte[] header = header(kind, params);
        byte[] raw = mk.copyBytes();
        try {
            byte[] ct = AesGcm.encrypt(wrapKey, nonce, Bytes.concat(AAD_PREFIX, header), raw, 0, raw.length);
            return Bytes.concat(header, nonce, ct);
        } finally {
            Bytes.wipe(raw);
            Bytes.wipe(wrapKey);
        }
    }

    static KeySlotKind kindOf(byte[] slot) {
        if (slot.length < 2 || slot[0] != VERSION) throw new CorruptDataException("unsupported key slot version");
        try {
            return KeySlotKind.fromCode(slot[1]);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("key slot of unknown kind " + slot[1]);
        }
    }

    public static MasterKey openWithRecoveryKey(byte[] slot, RecoveryKey rk) {
        requireKind(slot, KeySlotKind.RECOVERY);
        return open(slot, 0, Hkdf.derive(rk.bytes(), LABEL_RECOVERY, 32), "recovery key");
    }

    /** Opens a slot {@link #sealToDevice sealed to} {@code device}. */
    public static MasterKey openWithDeviceKey(byte[] slot, DeviceKeyPair device) {
        requireKind(slot, KeySlotKind.DEVICE);
        int p = DeviceKeyPair.PUBLIC_KEY_BYTES;
        if (slot.length < 2 + p) throw new CorruptDataException("truncated device key slot");
        byte[] epk = java.util.Arrays.copyOfRange(slot, 2, 2 + p);
        byte[] shared;
        try {
            shared = device.agree(epk);
        } catch (WrongKeyException e) {
            throw new CorruptDataException("device key slot holds an invalid ephemeral key");
        }
        return open(slot, p, deviceWrapKey(shared, epk, device.publicKey()), "device key");
    }

    public static MasterKey openWithPassphrase(byte[] slot, char[] passphrase) {
        requireKind(slot, KeySlotKind.PASSPHRASE);
        if (slot.length < 2 + SALT_BYTES + 9) throw new CorruptDataException("truncated passphrase key slot");
        ByteBuffer b = ByteBuffer.wrap(slot, 2, SALT_BYTES + 9);
        byte[] salt = new byte[SALT_BYTES];
        b.get(salt);
        int memory = b.getInt(), iterations = b.getInt(), parallelism = b.get() & 0xFF;
        // A slot comes from the server, which must not be able to make a client hash for hours or run out of memory.
        if (memory > MAX_MEMORY_KIB || iterations < 1 || iterations > MAX_ITERATIONS || parallelism < 1 || parallelism > 16
                || memory < 8 * parallelism)
            throw new CorruptDataException("passphrase key slot asks for Argon2id cost outside the accepted range (m=" + memory
                    + " KiB, t=" + iterations + ", p=" + parallelism + ")");
        Argon2Params p = new Argon2Params(memory, iterations, parallelism);
        return open(slot, SALT_BYTES + 9, Argon2id.hash(passphrase, salt, p, 32), "passphrase");
    }

    private static MasterKey open(byte[] slot, int paramsLength, byte[] wrapKey, String what) {
        int headerLen = 2 + paramsLength;
        int ctLen = slot.length - headerLen - AesGcm.NONCE_BYTES;
        if (ctLen != MasterKey.BYTES + AesGcm.TAG_BYTES) {
            Bytes.wipe(wrapKey);
            throw new CorruptDataException("key slot has the wrong length");
        }
        byte[] header = java.util.Arrays.copyOfRange(slot, 0, headerLen);
        byte[] nonce = java.util.Arrays.copyOfRange(slot, headerLen, headerLen + AesGcm.NONCE_BYTES);
        try {
            return MasterKey.of(AesGcm.decrypt(wrapKey, nonce, Bytes.concat(AAD_PREFIX, header), slot,
                    headerLen + AesGcm.NONCE_BYTES, ctLen));
        } catch (CorruptDataException e) {
            throw new WrongKeyException("the " + what + " does not open this vault");
        } finally {
            Bytes.wipe(wrapKey);
        }
    }

    private static void requireKind(byte[] slot, KeySlotKind expected) {
        KeySlotKind actual = kindOf(slot);
        if (actual != expected) throw new IllegalArgumentException("key slot is a " + actual + " slot, not " + expected);
    }

    private static byte[] header(KeySlotKind kind, byte[] params) {
        byte[] h = new byte[2 + params.length];
        h[0] = VERSION;
        h[1] = (byte) kind.code();
        System.arraycopy(params, 0, h, 2, params.length);
        return h;
    }

    private static byte[] nonce(SecureRandom random) {
        byte[] n = new byte[AesGcm.NONCE_BYTES];
        random.nextBytes(n);
        return n;
    }
}
