package org.chatvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.core.TestVectors.*;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import org.chatvault.core.chunking.ChunkerParams;
import org.chatvault.core.chunking.FastCdc;
import org.chatvault.core.format.ObjectCodec;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.core.format.SealedObject;
import org.junit.jupiter.api.Test;

/**
 * docs/THREAT_MODEL.md: every key holder zeroes the arrays it holds on {@code close()}, and every method
 * of it (and of what was made from it) throws {@code IllegalStateException("keys closed")} afterwards.
 * The arrays are read by reflection over the instance's fields, so a key field added later is covered too.
 */
class KeysWipedOnCloseTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void vaultKeysZeroEverySubkeyOnClose() throws Exception {
        MasterKey mk = MasterKey.of(MASTER_KEY.clone());
        VaultKeys keys = mk.deriveVaultKeys();
        List<byte[]> arrays = byteArrayFields(keys);
        assertThat(arrays).hasSize(4).allSatisfy(a -> assertThat(a).hasSize(32).isNotEqualTo(new byte[32]));
        keys.close();
        assertThat(keys.isDestroyed()).isTrue();
        assertThat(byteArrayFields(keys)).hasSize(4).allSatisfy(a -> assertThat(a).containsOnly((byte) 0));
        mk.close();
    }

    @Test
    void masterKeyAndRecoveryKeyZeroTheirKeyOnClose() throws Exception {
        MasterKey mk = MasterKey.of(MASTER_KEY.clone());
        RecoveryKey rk = RecoveryKey.parse(RECOVERY_DISPLAY);
        assertThat(byteArrayFields(mk)).singleElement().isEqualTo(MASTER_KEY);
        assertThat(byteArrayFields(rk)).singleElement().isEqualTo(RECOVERY_KEY);
        mk.close();
        rk.close();
        assertThat(byteArrayFields(mk)).singleElement().satisfies(a -> assertThat(a).hasSize(32).containsOnly((byte) 0));
        assertThat(byteArrayFields(rk)).singleElement().satisfies(a -> assertThat(a).hasSize(32).containsOnly((byte) 0));
    }

    @Test
    void theSigningKeyZeroesItsSeedOnClose() throws Exception {
        MasterKey mk = MasterKey.of(MASTER_KEY.clone());
        VaultSigningKey signing = mk.deriveSigningKey();
        byte[] publicKey = signing.publicKey();
        // two arrays: the seed (secret) and the public key
        assertThat(byteArrayFields(signing)).hasSize(2).anySatisfy(a -> assertThat(a).isEqualTo(publicKey))
                .allSatisfy(a -> assertThat(a).hasSize(32).isNotEqualTo(new byte[32]));
        signing.close();
        mk.close();
        assertThat(byteArrayFields(signing)).filteredOn(a -> !java.util.Arrays.equals(a, publicKey))
                .singleElement().satisfies(a -> assertThat(a).containsOnly((byte) 0));
    }

    @Test
    void theDeviceKeyPairZeroesItsPrivateKeyOnClose() throws Exception {
        DeviceKeyPair device = new DeviceKeyPair(DEVICE_PRIVATE_KEY.clone());
        byte[] publicKey = device.publicKey();
        assertThat(byteArrayFields(device)).hasSize(2).anySatisfy(a -> assertThat(a).isEqualTo(DEVICE_PRIVATE_KEY))
                .anySatisfy(a -> assertThat(a).isEqualTo(publicKey));
        device.close();
        assertThat(byteArrayFields(device)).filteredOn(a -> !java.util.Arrays.equals(a, publicKey))
                .singleElement().satisfies(a -> assertThat(a).hasSize(32).containsOnly((byte) 0));
        assertEveryPublicMethodThrowsKeysClosed(device, DeviceKeyPair.class);
        assertThatThrownBy(() -> device.agree(publicKey)).hasMessage("keys closed");
        assertThatThrownBy(() -> KeySlots.openWithDeviceKey(unhex(DEVICE_SLOT), device)).hasMessage("keys closed");
    }

    @Test
    void everyPublicMethodOfAClosedKeyHolderThrows() throws Exception {
        MasterKey mk = MasterKey.of(MASTER_KEY.clone());
        VaultKeys keys = mk.deriveVaultKeys();
        RecoveryKey rk = RecoveryKey.parse(RECOVERY_DISPLAY);
        ObjectCipher cipher = keys.newObjectCipher();
        VaultSigningKey signing = mk.deriveSigningKey();
        keys.close();
        mk.close();
        rk.close();
        signing.close();
        assertEveryPublicMethodThrowsKeysClosed(keys, VaultKeys.class);
        assertEveryPublicMethodThrowsKeysClosed(signing, VaultSigningKey.class);
        assertEveryPublicMethodThrowsKeysClosed(mk, MasterKey.class);
        assertEveryPublicMethodThrowsKeysClosed(rk, RecoveryKey.class);
        assertEveryPublicMethodThrowsKeysClosed(cipher, ObjectCipher.class);
        // and the package-private ways in
        assertThatThrownBy(mk::copyBytes).hasMessage("keys closed");
        assertThatThrownBy(rk::bytes).hasMessage("keys closed");
        assertThatThrownBy(keys::objectIdKey).hasMessage("keys closed");
    }

    @Test
    void whatWasMadeFromTheKeysStopsWorkingWhenTheyClose() {
        MasterKey mk = MasterKey.of(MASTER_KEY.clone());
        VaultKeys keys = mk.deriveVaultKeys();
        ObjectCodec codec = new ObjectCodec(keys, RANDOM);
        SealedObject sealed = codec.seal(ObjectKind.SEGMENT, 202403, unhex(SEGMENT));
        assertThat(sealed.id().hex()).isEqualTo(SEGMENT_ID);
        keys.close();
        assertThatThrownBy(() -> codec.seal(ObjectKind.SEGMENT, 202403, unhex(SEGMENT))).isInstanceOf(IllegalStateException.class)
                .hasMessage("keys closed");
        assertThatThrownBy(() -> codec.open(sealed.id(), ObjectKind.SEGMENT, sealed.body())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> codec.idOf(ObjectKind.SEGMENT, new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ObjectCodec(keys, RANDOM)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FastCdc.keyed(keys, ChunkerParams.DEFAULT)).isInstanceOf(IllegalStateException.class);
        mk.close();
        try (DeviceKeyPair device = DeviceKeyPair.generate(RANDOM)) {
            assertThatThrownBy(() -> KeySlots.sealToDevice(mk, device.publicKey(), RANDOM)).isInstanceOf(IllegalStateException.class);
        }
    }

    /** The JCA objects of the keys and their ciphers keep state derived from the subkeys; closing the keys re-keys them with zeros. */
    @Test
    void closingTheKeysRekeysTheirMacsWithZeros() throws Exception {
        MasterKey mk = MasterKey.of(MASTER_KEY.clone());
        VaultKeys keys = mk.deriveVaultKeys();
        ObjectCipher cipher = keys.newObjectCipher();
        byte[] message = "chatvault".getBytes(StandardCharsets.US_ASCII);
        byte[] underZeros = Hmac.keyed(new byte[32]).doFinal(message);
        assertThat(keys.chunkingMac(message)).isNotEqualTo(underZeros);
        List<Mac> macs = new ArrayList<>(fieldsOfType(cipher, Mac.class));
        macs.addAll(fieldsOfType(keys, Mac.class));
        assertThat(macs).hasSize(4).allSatisfy(m -> assertThat(m.doFinal(message)).isNotEqualTo(underZeros));
        keys.close();
        assertThat(macs).allSatisfy(m -> assertThat(m.doFinal(message)).isEqualTo(underZeros));
        mk.close();
    }

    @Test
    void closingTwiceIsHarmless() {
        MasterKey mk = MasterKey.of(MASTER_KEY.clone());
        VaultKeys keys = mk.deriveVaultKeys();
        keys.close();
        keys.close();
        mk.close();
        mk.close();
        assertThat(keys.isDestroyed()).isTrue();
        assertThat(mk.isDestroyed()).isTrue();
    }

    private static void assertEveryPublicMethodThrowsKeysClosed(Object holder, Class<?> type) throws Exception {
        int called = 0;
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) continue;
            if (List.of("close", "destroy", "isDestroyed").contains(m.getName())) continue;
            Object[] args = new Object[m.getParameterCount()];
            for (int i = 0; i < args.length; i++) args[i] = sample(m.getParameterTypes()[i]);
            try {
                m.invoke(holder, args);
                throw new AssertionError(type.getSimpleName() + "." + m.getName() + " worked after close");
            } catch (InvocationTargetException e) {
                assertThat(e.getCause()).as("%s.%s", type.getSimpleName(), m.getName())
                        .isInstanceOf(IllegalStateException.class).hasMessage("keys closed");
            }
            called++;
        }
        assertThat(called).as("public methods of %s", type.getSimpleName()).isPositive();
    }

    private static Object sample(Class<?> t) {
        if (t == byte[].class) return new byte[32];
        if (t == int.class) return 1;
        if (t == ObjectCipher.ObjectClass.class) return ObjectCipher.ObjectClass.CONTENT;
        throw new AssertionError("no sample argument of " + t);
    }

    private static List<byte[]> byteArrayFields(Object o) throws IllegalAccessException {
        return fieldsOfType(o, byte[].class);
    }

    private static <T> List<T> fieldsOfType(Object o, Class<T> type) throws IllegalAccessException {
        List<T> out = new ArrayList<>();
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !type.isAssignableFrom(f.getType())) continue;
            f.setAccessible(true);
            out.add(type.cast(f.get(o)));
        }
        return out;
    }
}
