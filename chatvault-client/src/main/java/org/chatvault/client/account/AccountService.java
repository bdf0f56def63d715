package org.chatvault.client.account;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.chatvault.client.ClientException;
import org.chatvault.protocol.keyslot.KeySlot;
import org.chatvault.client.http.RetryPolicy;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.crypto.Bytes;
import org.chatvault.core.crypto.KeySlots;
import org.chatvault.core.crypto.LoginSecret;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.RecoveryKey;
import org.chatvault.core.error.WrongKeyException;

/**
 * Creates accounts, adds devices and reopens a device's session. The login password only proves
 * who you are to the server; the master key is opened by the recovery key, the passphrase, or
 * this device's own secret, so a stolen password opens no chat.
 */
public record AccountService(ProfileStore profiles, SecureRandom random, Argon2Params passphraseParams) {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public AccountService(ProfileStore profiles) { this(profiles, new SecureRandom(), Argon2Params.PASSPHRASE); }

    /** A new account and its keys. The recovery key is returned once and stored nowhere. */
    public record Created(String recoveryKey, Session session) {}

    public Created create(URI server, String username, char[] password, char[] passphrase) {
        PassphrasePolicy.check(password, passphrase); // before the account exists: a refusal leaves nothing behind
        VaultApi api = new VaultApi(server);
        String secret = loginSecret(username, password);
        api.register(username, secret);
        api.login(username, secret);
        MasterKey mk = MasterKey.generate(random);
        try (RecoveryKey rk = RecoveryKey.generate(random)) {
            api.putKeySlot("recovery", "recovery", B64.encodeToString(KeySlots.sealWithRecoveryKey(mk, rk, random)));
            if (passphrase != null && passphrase.length > 0)
                api.putKeySlot("passphrase", "passphrase", B64.encodeToString(KeySlots.sealWithPassphrase(mk, passphrase, passphraseParams, random)));
            Session session = addDevice(api, server, username, mk);
            return new Created(rk.toDisplayString(), session);
        } catch (RuntimeException e) {
            mk.close(); // no session took it over
            throw e;
        }
    }

    /** Logs in on a new device and unlocks the vault with the recovery key or passphrase. */
    public Session login(URI server, String username, char[] password, Unlock unlock) {
        VaultApi api = new VaultApi(server);
        api.login(username, loginSecret(username, password));
        List<KeySlot> slots = api.keySlots();
        MasterKey mk = switch (unlock) {
            case Unlock.WithRecoveryKey r -> {
                try (RecoveryKey rk = RecoveryKey.parse(r.code())) {
                    yield KeySlots.openWithRecoveryKey(slot(slots, "recovery"), rk);
                }
            }
            case Unlock.WithPassphrase p -> KeySlots.openWithPassphrase(slot(slots, "passphrase"), p.passphrase());
        };
        try {
            return addDevice(api, server, username, mk);
        } catch (RuntimeException e) {
            mk.close(); // no session took it over
            throw e;
        }
    }

    /** Reopens this device's session from its profile. */
    public Session resume() {
        return resume(RetryPolicy.DEFAULT);
    }

    /** As {@link #resume()}, retrying dropped connections as {@code retry} says. */
    public Session resume(RetryPolicy retry) {
        Profile p = profiles.require();
        VaultApi api = new VaultApi(URI.create(p.server()), retry);
        api.useTokens(p.tokens(), t -> profiles.save(profiles.require().withTokens(t)));
        byte[] slot;
        try {
            slot = api.keySlots().stream().filter(s -> s.slotId().equals(p.deviceSlotId())).findFirst()
                    .map(s -> B64D.decode(s.blob()))
                    .orElseThrow(() -> new ClientException("this device was removed from the account: log in again with 'chatvault login'"));
        } catch (org.chatvault.client.http.ServerRefusedException e) {
            if (e.status() == 401) throw new ClientException("the session has ended: log in again with 'chatvault login'", e);
            throw e;
        }
        byte[] secret = B64D.decode(p.deviceSecret());
        try {
            return new Session(api, KeySlots.openWithDeviceSecret(slot, secret), random);
        } finally {
            Bytes.wipe(secret);
        }
    }

    private Session addDevice(VaultApi api, URI server, String username, MasterKey mk) {
        byte[] deviceSecret = new byte[32];
        random.nextBytes(deviceSecret);
        byte[] idBytes = new byte[6];
        random.nextBytes(idBytes);
        String slotId = "device-" + Bytes.hex(idBytes);
        try {
            api.putKeySlot(slotId, "device", B64.encodeToString(KeySlots.sealWithDeviceSecret(mk, deviceSecret, random)));
            profiles.save(new Profile(server.toString(), username, slotId, B64.encodeToString(deviceSecret), api.tokens()));
        } finally {
            Bytes.wipe(deviceSecret);
        }
        api.useTokens(api.tokens(), t -> profiles.save(profiles.require().withTokens(t)));
        return new Session(api, mk, random);
    }

    private static byte[] slot(List<KeySlot> slots, String id) {
        return slots.stream().filter(s -> s.slotId().equals(id)).findFirst().map(s -> B64D.decode(s.blob()))
                .orElseThrow(() -> new WrongKeyException("this account has no " + id + " key slot"));
    }

    private static String loginSecret(String username, char[] password) {
        return LoginSecret.derivedBase64(username, password);
    }
}
