package org.chatvault.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package's public surface is small and hands out no key: what other modules may use is listed
 * here, and every public method that returns a {@code byte[]} returns ciphertext, an id, a MAC or a
 * hash, never a key array.
 */
class CryptoPublicSurfaceTest {

    @Test
    void onlyTheApiTypesArePublic() throws Exception {
        assertThat(publicTypes()).containsExactlyInAnyOrder(
                "ApprovalCode", "Argon2Params", "Bytes", "DeviceKeyPair", "KeySlots", "LoginSecret", "MasterKey", "ObjectCipher", "ObjectCipher$ObjectClass",
                "RecoveryKey", "VaultKeys", "VaultSigningKey");
    }

    @Test
    void publicMethodsReturningBytesReturnNoKey() throws Exception {
        Set<String> returningBytes = new TreeSet<>();
        for (String name : publicTypes()) {
            Class<?> type = Class.forName(getClass().getPackageName() + "." + name);
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getReturnType() == byte[].class)
                    returningBytes.add(name + "." + m.getName());
            }
        }
        assertThat(returningBytes).containsExactlyInAnyOrder(
                "Bytes.unhex",                                                   // decoding, no secret of ours
                "DeviceKeyPair.publicKey",                                       // the public half
                "KeySlots.sealToDevice", "KeySlots.sealWithPassphrase", "KeySlots.sealWithRecoveryKey", // wrapped: ciphertext
                "LoginSecret.serverHash",                                        // the server's Argon2id verifier
                "ObjectCipher.decrypt", "ObjectCipher.encrypt", "ObjectCipher.objectId", // plaintext, ciphertext, id
                "VaultKeys.chunkingMac",                                         // a MAC, from which the gear table is made
                "VaultSigningKey.publicKey", "VaultSigningKey.sign");            // the public half, a signature
    }

    private Set<String> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(MasterKey.class.getResource("MasterKey.class").toURI()).getParent();
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class")) continue;
                String name = file.substring(0, file.length() - ".class".length());
                Class<?> type = Class.forName(getClass().getPackageName() + "." + name);
                // Test classes compiled into the same package live in another directory, so they are not listed here.
                if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) names.add(name);
            }
        }
        return names;
    }
}
