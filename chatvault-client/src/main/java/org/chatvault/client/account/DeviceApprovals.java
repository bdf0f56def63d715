package org.chatvault.client.account;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.chatvault.client.ClientException;
import org.chatvault.client.http.RetryPolicy;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.http.VaultApi;
import org.chatvault.client.vault.ObjectFetcher;
import org.chatvault.core.crypto.ApprovalCode;
import org.chatvault.core.crypto.Bytes;
import org.chatvault.core.crypto.DeviceKeyPair;
import org.chatvault.core.crypto.KeySlots;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.core.error.VaultException;
import org.chatvault.core.format.ObjectId;
import org.chatvault.protocol.device.ApprovalPending;
import org.chatvault.protocol.device.DeviceInfo;
import org.chatvault.protocol.device.Devices;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.protocol.vault.VaultHead;

/**
 * Adding a device by approval from one that already holds the vault (docs/API.md "Devices"): the
 * new device logs in with the password alone, posts its X25519 public key and shows a code; the
 * user checks that an existing device shows the same code, and that device seals the master key to
 * the new one. The code binds the new device's key and the vault signing key (docs/FORMAT.md §5.7),
 * so a server that swapped either shows two different codes.
 */
public record DeviceApprovals(AccountService accounts, Clock clock) {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** Stands for the vault key of an account that registered none (before vault signing keys): the code binds the device key only. */
    private static final byte[] NO_VAULT_KEY = new byte[0];

    public DeviceApprovals(ProfileStore profiles) { this(new AccountService(profiles), Clock.systemUTC()); }

    /** What the new device shows while it waits. */
    public record Request(String deviceId, String code, Instant expiresAt) {}

    /**
     * The new device: logs in with the password, makes its key pair, asks for approval, and saves its
     * profile (without a key to the vault yet).
     */
    public Request request(URI server, String username, char[] password) {
        VaultApi api = new VaultApi(server);
        AccountService.LoggedIn device = accounts.logIn(api, server, username, AccountService.loginSecret(username, password));
        if (api.keySlots().stream().anyMatch(s -> s.slotId().equals("device-" + device.deviceId())))
            throw new ClientException("this device already holds the vault's key; there is nothing to approve");
        try (DeviceKeyPair keys = DeviceKeyPair.generate(accounts.random())) {
            ApprovalPending pending = api.requestApproval(B64.encodeToString(keys.publicKey()));
            byte[] vaultKey = pending.vaultPublicKey() == null ? NO_VAULT_KEY : B64D.decode(pending.vaultPublicKey());
            accounts.profiles().save(new Profile(server.toString(), username, device.deviceId(), device.credential(), keys.encodedPrivateKey(),
                    api.tokens()));
            return new Request(device.deviceId(), ApprovalCode.of(keys.publicKey(), vaultKey), Instant.ofEpochMilli(pending.expiresAt()));
        }
    }

    /**
     * The new device, after {@link #request}: waits until its key slot appears, opens the master key
     * with its private key, and checks it against the vault before handing out a session.
     *
     * @throws ClientException if no approval comes within {@code timeout}, the session ends meanwhile,
     *     or the key received does not open this vault
     */
    public Session awaitApproval(Duration timeout, Duration pollEvery) {
        Profile p = accounts.profiles().require();
        VaultApi api = accounts.api(p, RetryPolicy.DEFAULT);
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<byte[]> slot;
            try {
                slot = api.keySlots().stream().filter(s -> s.slotId().equals(p.deviceSlotId())).findFirst().map(KeySlot::blob).map(B64D::decode);
            } catch (ServerRefusedException e) {
                if (e.status() == 401 || e.status() == 403)
                    throw new ClientException("this device's session ended while it waited (it was revoked, or logged out): ask again", e);
                throw e;
            }
            if (slot.isPresent()) return open(api, p, slot.get());
            if (!clock.instant().isBefore(deadline))
                throw new ClientException("no approval within " + timeout.toMinutes() + " minutes; run 'chatvault device request' again");
            sleep(pollEvery);
        }
    }

    private Session open(VaultApi api, Profile p, byte[] slot) {
        MasterKey mk;
        try (DeviceKeyPair keys = DeviceKeyPair.fromEncodedPrivateKey(p.deviceKey())) {
            mk = KeySlots.openWithDeviceKey(slot, keys);
        }
        Session session = new Session(api, mk, accounts.random());
        try {
            checkAgainstTheVault(session);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** The key must be this vault's: its signing key the one registered, and the current root must open under it. */
    private static void checkAgainstTheVault(Session session) {
        Devices devices = session.api().devices();
        if (devices.vaultPublicKey() != null) {
            try (VaultSigningKey signing = session.masterKey().deriveSigningKey()) {
                if (!Bytes.constantTimeEquals(signing.publicKey(), B64D.decode(devices.vaultPublicKey())))
                    throw new ClientException("the key this device received is not this vault's; nothing was stored");
            }
        }
        VaultHead head = session.api().head();
        if (head.version() > 0 && head.root() != null) {
            try {
                new ObjectFetcher(session.api(), session.newCodec(), new AtomicLong()).root(ObjectId.parse(head.root()));
            } catch (VaultException e) {
                throw new ClientException("the key this device received does not open this vault's head (" + e.getMessage() + ")", e);
            }
        }
    }

    /** What the approving device shows: the waiting device and the code computed here. */
    public record Waiting(String deviceId, String name, byte[] publicKey, String code) {}

    /**
     * The approving device: finds the waiting device and computes the code from its key and this
     * vault's signing key (derived here, and compared with the one the server reports).
     *
     * @throws ClientException if the device does not exist or does not wait for approval
     */
    public Waiting waiting(Session session, String deviceId) {
        Devices devices = session.api().devices();
        DeviceInfo d = devices.devices().stream().filter(x -> x.deviceId().equals(deviceId)).findFirst()
                .orElseThrow(() -> new ClientException("no device " + deviceId + " on this account ('chatvault device list' shows them)"));
        if (!d.pendingApproval() || d.publicKey() == null)
            throw new ClientException("device " + deviceId + " is not waiting for approval; run 'chatvault device request' on it first");
        byte[] vaultKey = NO_VAULT_KEY;
        if (devices.vaultPublicKey() != null) {
            try (VaultSigningKey signing = session.masterKey().deriveSigningKey()) {
                vaultKey = signing.publicKey();
            }
            if (!Bytes.constantTimeEquals(vaultKey, B64D.decode(devices.vaultPublicKey())))
                throw new ClientException("the server reports a vault key that is not this vault's; approve nothing");
        }
        byte[] publicKey = B64D.decode(d.publicKey());
        return new Waiting(d.deviceId(), d.name(), publicKey, ApprovalCode.of(publicKey, vaultKey));
    }

    /** Seals this vault's master key to the waiting device; call only after the user confirmed the code. */
    public void approve(Session session, Waiting w) {
        byte[] slot = KeySlots.sealToDevice(session.masterKey(), w.publicKey(), accounts.random());
        session.api().approveDevice(w.deviceId(), B64.encodeToString(w.publicKey()), B64.encodeToString(slot));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted while waiting for approval");
        }
    }
}
