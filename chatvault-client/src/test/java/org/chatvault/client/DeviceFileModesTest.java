package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's files hold its chats in the clear and its key-slot secret: the device directory,
 * {@code profile.json}, {@code local.db} with SQLite's side files, and {@code local-media/} with
 * everything in it are owner-only when made, and tightened when found looser.
 */
class DeviceFileModesTest {
    @TempDir Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    private static String mode(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whatever below {@code root} others could read or enter, with its mode. */
    private static List<String> notOwnerOnly(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !mode(p).equals(Files.isDirectory(p) ? "rwx------" : "rw-------"))
                    .map(p -> root.relativize(p) + " " + mode(p)).toList();
        }
    }

    private static void useTheDevice(Path home) throws IOException {
        new ProfileStore(home).require();
        try (LocalStore store = LocalStore.open(home.resolve("local.db"))) {
            store.putConversation(new Conversation("c1", ConversationKind.DIRECT, "Chat", List.of("ann", "bob")));
            store.addMessages(List.of(Message.text("c1", "m1", TestVault.NOW, "bob", "a secret in the clear")));
            store.media().write("abcdef0123456789", out -> out.write("a photo".getBytes(StandardCharsets.UTF_8)));
            assertThat(home.resolve("local.db-wal")).as("open while the store is").exists();
            assertThat(mode(home.resolve("local.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(home.resolve("local.db-shm"))).isEqualTo("rw-------");
        }
    }

    @Test
    void aNewDeviceIsOwnerOnlyThroughout() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            vault.create("phone", "nia").session().close();
        }
        Path home = dir.resolve("phone");
        useTheDevice(home);
        assertThat(home.resolve("local-media")).isDirectory();
        assertThat(notOwnerOnly(home)).isEmpty();
    }

    @Test
    void aDeviceMadeUnderAPermissiveUmaskIsTightenedWhenOpened() throws IOException {
        try (TestVault vault = new TestVault(dir)) {
            vault.create("phone", "noor").session().close();
        }
        Path home = dir.resolve("phone");
        useTheDevice(home);
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.toList())
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        assertThat(notOwnerOnly(home)).hasSizeGreaterThan(4);

        useTheDevice(home);
        assertThat(notOwnerOnly(home)).isEmpty();
    }
}
