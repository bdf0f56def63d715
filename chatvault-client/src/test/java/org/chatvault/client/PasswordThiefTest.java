package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.http.VaultApi;
import org.chatvault.client.local.LocalStore;
import org.chatvault.client.restore.RestoreListener;
import org.chatvault.client.restore.RestoreService;
import org.chatvault.core.crypto.DeviceKeyPair;
import org.chatvault.core.crypto.KeySlots;
import org.chatvault.core.crypto.LoginSecret;
import org.chatvault.core.crypto.RecoveryKey;
import org.chatvault.core.error.WrongKeyException;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.model.Conversation;
import org.chatvault.core.model.ConversationKind;
import org.chatvault.core.model.Message;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.device.DeviceInfo;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.protocol.vault.Commit;
import org.chatvault.protocol.vault.VaultHead;
import org.chatvault.server.account.KeySlotRecord;
import org.chatvault.server.store.sql.SqlStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The password thief (docs/THREAT_MODEL.md): someone who has the login password and a copy of
 * every file of the server. With the real client and a real server, the owner backs up messages;
 * the thief then logs in with the password and tries every change to the vault and its keys, and
 * tries to open the vault from the copied files. Nothing opens and nothing changes.
 */
class PasswordThiefTest {
    private static final String MARKER = "ZQX-THIEF-MARKER-4711";
    private static final String USER = "erin";
    private static final char[] PASSWORD = "correct horse".toCharArray(); // TestVault's login password
    @TempDir Path dir;

    /** What the owner's signing session sees: head, key slots, and each device's name. */
    private record OwnerView(VaultHead head, List<KeySlot> slots, Map<String, String> devices) {
        static OwnerView of(VaultApi api) {
            return new OwnerView(api.head(), api.keySlots(),
                    api.devices().devices().stream().collect(Collectors.toMap(DeviceInfo::deviceId, DeviceInfo::name)));
        }
    }

    private static void refusedForWantOfASignature(ThrowingCallable attempt) {
        assertThatThrownBy(attempt).isInstanceOfSatisfying(ServerRefusedException.class, e -> {
            assertThat(e.status()).as(e.getMessage()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("signature_required");
        });
    }

    @Test
    void withThePasswordAndEveryServerFileTheThiefNeitherDecryptsNorChangesAnything() throws IOException {
        SecureRandom random = new SecureRandom();
        try (TestVault vault = new TestVault(dir)) {
            var created = vault.create("phone", USER);
            try (Session owner = created.session(); LocalStore store = vault.store("phone")) {
                store.putConversation(new Conversation("c1", ConversationKind.DIRECT, "Chat " + MARKER, List.of(USER, "frank")));
                store.addMessages(List.of(Message.text("c1", "m1", TestVault.NOW, "frank", "the code is " + MARKER)));
                TestVault.generate(store, 5, 3, 200);
                new BackupService(owner, store, Clock.systemUTC()).run(BackupListener.NONE);
                OwnerView before = OwnerView.of(owner.api());
                assertThat(before.head().version()).isPositive();
                assertThat(before.slots()).extracting(KeySlot::slotId).contains("recovery", "passphrase");

                // ---- the thief, online: the password alone, through the real client's HTTP API ----
                VaultApi thief = new VaultApi(vault.uri());
                String loginSecret = LoginSecret.derivedBase64(USER, PASSWORD);
                IssuedTokens stolen = thief.login(USER, loginSecret);
                String ownerDevice = before.devices().keySet().iterator().next();
                String blob = Base64.getEncoder().encodeToString(new byte[64]);
                for (KeySlot s : before.slots()) {
                    refusedForWantOfASignature(() -> thief.putKeySlot(s.slotId(), s.kind(), blob));
                    refusedForWantOfASignature(() -> thief.deleteKeySlot(s.slotId()));
                }
                refusedForWantOfASignature(() -> thief.putKeySlot("recovery-2", "recovery", blob));
                refusedForWantOfASignature(() -> thief.head());
                refusedForWantOfASignature(() -> thief.fetch(List.of(ObjectId.parse(before.head().root())), f -> { }));
                refusedForWantOfASignature(() -> thief.commit(new Commit(before.head().version(), before.head().root(), List.of(), List.of())));
                refusedForWantOfASignature(() -> thief.renameDevice(ownerDevice, "thief's now"));
                refusedForWantOfASignature(() -> thief.revokeDevice(ownerDevice));
                String thiefKey;
                try (DeviceKeyPair k = DeviceKeyPair.generate(random)) {
                    thiefKey = Base64.getEncoder().encodeToString(k.publicKey());
                }
                assertThat(thief.requestApproval(thiefKey).deviceId()).as("asking is allowed").isEqualTo(stolen.deviceId());
                refusedForWantOfASignature(() -> thief.approveDevice(stolen.deviceId(), thiefKey, blob));
                refusedForWantOfASignature(thief::revokeOtherSessions);
                refusedForWantOfASignature(() -> thief.changePassword(loginSecret, LoginSecret.derivedBase64(USER, "new password!".toCharArray())));

                OwnerView after = OwnerView.of(owner.api()); // the owner's session still works: nothing was revoked
                assertThat(after.head()).isEqualTo(before.head());
                assertThat(after.slots()).isEqualTo(before.slots());
                assertThat(after.slots()).extracting(KeySlot::slotId).doesNotContain("device-" + stolen.deviceId());
                Map<String, String> ownersDevices = new java.util.HashMap<>(after.devices());
                assertThat(ownersDevices.remove(stolen.deviceId())).as("the thief's own login is a device, listed for the owner to see").isNotNull();
                assertThat(ownersDevices).isEqualTo(before.devices());
                new VaultApi(vault.uri()).login(USER, loginSecret); // the password was not changed

                // ---- the thief, offline: a copy of every file the server wrote ----
                vault.restart(); // flushes the SQLite WAL into the main file, so the copy holds everything
                Path copy = copyTree(vault.dataDir, dir.resolve("stolen"));
                List<Path> files;
                try (Stream<Path> walk = Files.walk(copy)) {
                    files = walk.filter(Files::isRegularFile).toList();
                }
                assertThat(files).isNotEmpty();
                for (Path f : files) {
                    byte[] bytes = Files.readAllBytes(f);
                    for (String text : List.of(new String(bytes, StandardCharsets.ISO_8859_1), new String(bytes, StandardCharsets.UTF_8),
                            new String(bytes, StandardCharsets.UTF_16LE), new String(bytes, StandardCharsets.UTF_16BE)))
                        assertThat(text).as(f + " shows the message").doesNotContain(MARKER);
                }

                List<KeySlotRecord> copied;
                try (SqlStores stores = SqlStores.sqlite(copy.resolve("metadata.db"))) {
                    copied = stores.accounts().listKeySlots(stolen.accountId());
                }
                Map<String, byte[]> slots = copied.stream().collect(Collectors.toMap(KeySlotRecord::slotId, KeySlotRecord::blob));
                assertThat(slots.keySet()).as("the copy holds the very slots the owner uses")
                        .containsExactlyInAnyOrderElementsOf(before.slots().stream().map(KeySlot::slotId).toList());
                List<char[]> fromThePassword = List.of(PASSWORD, loginSecret.toCharArray(), USER.toCharArray(),
                        (USER + new String(PASSWORD)).toCharArray());
                for (char[] guess : fromThePassword)
                    assertThatThrownBy(() -> KeySlots.openWithPassphrase(slots.get("passphrase"), guess))
                            .as("the passphrase slot with " + new String(guess)).isInstanceOf(WrongKeyException.class);
                assertThatThrownBy(() -> RecoveryKey.parse(new String(PASSWORD))).as("the password is no recovery key").isNotNull();
                try (RecoveryKey guessed = RecoveryKey.generate(random)) {
                    assertThatThrownBy(() -> KeySlots.openWithRecoveryKey(slots.get("recovery"), guessed)).isInstanceOf(WrongKeyException.class);
                }
                // The slots are the real ones: the owner's passphrase and recovery key open them.
                try (var mk = KeySlots.openWithPassphrase(slots.get("passphrase"), TestVault.PASSPHRASE.toCharArray());
                     RecoveryKey rk = RecoveryKey.parse(created.recoveryKey());
                     var same = KeySlots.openWithRecoveryKey(slots.get("recovery"), rk)) {
                    assertThat(mk).isNotNull();
                    assertThat(same).isNotNull();
                }
                List<String> deviceSlots = new ArrayList<>(slots.keySet().stream().filter(id -> id.startsWith("device-")).toList());
                assertThat(deviceSlots).as("the owner's device slot").isNotEmpty();
                try (DeviceKeyPair guessed = DeviceKeyPair.generate(random)) {
                    for (String id : deviceSlots)
                        assertThatThrownBy(() -> KeySlots.openWithDeviceKey(slots.get(id), guessed)).isInstanceOf(WrongKeyException.class);
                }

                // The owner's history is whole: a restore on a new store finds the message.
                try (LocalStore fresh = vault.store("restored")) {
                    new RestoreService(owner, fresh, Clock.systemUTC()).run(RestoreListener.NONE);
                    assertThat(Stores.snapshot(fresh).values().stream().flatMap(List::stream).map(Message::text).toList())
                            .anySatisfy(t -> assertThat(t).contains(MARKER));
                }
            }
        }
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        return to;
    }
}
