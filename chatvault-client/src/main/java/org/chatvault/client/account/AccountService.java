package org.chatvault.client.account;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.chatvault.client.ClientException;
import org.chatvault.client.http.RetryPolicy;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.crypto.DeviceKeyPair;
import org.chatvault.core.crypto.KeySlots;
import org.chatvault.core.crypto.LoginSecret;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.RecoveryKey;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.core.error.WrongKeyException;
import org.chatvault.protocol.account.Credentials;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.keyslot.KeySlot;

/**
 * Creates accounts, adds devices and reopens a device's session. The login password only proves
 * who you are to the server; the master key is opened by the recovery key, the passphrase, or
 * this device's own X25519 key (its slot sealed by this device at enrolment, or by another device
 * at approval, see {@link DeviceApprovals}), so a stolen password opens no chat.
 */
public record AccountService(ProfileStore profiles, SecureRandom random, Argon2Params passphraseParams) {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    /** What this client calls itself to the server ({@code GET /v1/devices}). */
    static final String DEVICE_KIND = "cli";

    public AccountService(ProfileStore profiles) { this(profiles, new SecureRandom(), Argon2Params.PASSPHRASE); }

    /** A new account and its keys. The recovery key is returned once and stored nowhere. */
    public record Created(String recoveryKey, Session session) {}

    public Created create(URI server, String username, char[] password, char[] passphrase) {
        PassphrasePolicy.check(password, passphrase); // before the account exists: a refusal leaves nothing behind
        VaultApi api = new VaultApi(server);
        String secret = loginSecret(username, password);
        // The master key comes first: the account is registered with the public half of its signing key.
        MasterKey mk = MasterKey.generate(random);
        VaultSigningKey signing = unlocked(api, mk);
        try (RecoveryKey rk = RecoveryKey.generate(random)) {
            api.register(username, secret, signing.publicKey());
            LoggedIn device = logIn(api, server, username, secret);
            api.putKeySlot("recovery", "recovery", B64.encodeToString(KeySlots.sealWithRecoveryKey(mk, rk, random)));
            if (passphrase != null && passphrase.length > 0)
                api.putKeySlot("passphrase", "passphrase", B64.encodeToString(KeySlots.sealWithPassphrase(mk, passphrase, passphraseParams, random)));
            Session session = enroll(api, server, username, device, mk, signing);
            return new Created(rk.toDisplayString(), session);
        } catch (RuntimeException e) {
            signing.close(); // no session took them over
            mk.close();
            throw e;
        }
    }

    /** Logs in on a new device and unlocks the vault with the recovery key or passphrase. */
    public Session login(URI server, String username, char[] password, Unlock unlock) {
        VaultApi api = new VaultApi(server);
        LoggedIn device = logIn(api, server, username, loginSecret(username, password));
        List<KeySlot> slots = api.keySlots();
        MasterKey mk = switch (unlock) {
            case Unlock.WithRecoveryKey r -> {
                try (RecoveryKey rk = RecoveryKey.parse(r.code())) {
                    yield KeySlots.openWithRecoveryKey(slot(slots, "recovery"), rk);
                }
            }
            case Unlock.WithPassphrase p -> KeySlots.openWithPassphrase(slot(slots, "passphrase"), p.passphrase());
        };
        VaultSigningKey signing = unlocked(api, mk);
        try {
            return enroll(api, server, username, device, mk, signing);
        } catch (RuntimeException e) {
            signing.close(); // no session took them over
            mk.close();
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
        if (p.deviceKey() == null || p.deviceId() == null)
            throw new ClientException("this device's profile is from an older version of Chatvault, which kept a device secret instead of "
                    + "a device key: log in again with 'chatvault login' (recovery key or passphrase) or 'chatvault device request'");
        VaultApi api = api(p, retry);
        byte[] slot;
        try {
            slot = api.keySlots().stream().filter(s -> s.slotId().equals(p.deviceSlotId())).findFirst()
                    .map(s -> B64D.decode(s.blob()))
                    .orElseThrow(() -> new ClientException("this device holds no key to the vault: it was removed from the account or is "
                            + "not approved yet; run 'chatvault device request' (or 'chatvault login') again"));
        } catch (ServerRefusedException e) {
            if (e.status() == 401 || e.status() == 403)
                throw new ClientException("the session has ended (logged out, revoked or expired): log in again with 'chatvault login'", e);
            throw e;
        }
        try (DeviceKeyPair device = DeviceKeyPair.fromEncodedPrivateKey(p.deviceKey())) {
            return new Session(api, KeySlots.openWithDeviceKey(slot, device), random);
        }
    }

    /**
     * Changes the login password: the server checks the current one and ends every other session.
     * The vault keys do not change; the password never wrapped them.
     */
    public void changePassword(Session session, char[] current, char[] next) {
        String username = profiles.require().username();
        session.api().changePassword(loginSecret(username, current), loginSecret(username, next));
    }

    /**
     * The vault signing key of an opened master key, which {@code api} signs with from now on: the
     * server serves the vault only to requests it signs. The session that takes it over closes it.
     */
    static VaultSigningKey unlocked(VaultApi api, MasterKey mk) {
        VaultSigningKey key = mk.deriveSigningKey();
        api.signWith(key);
        return key;
    }

    /** A client for the profile's server that keeps the profile's tokens current. */
    VaultApi api(Profile p, RetryPolicy retry) {
        VaultApi api = new VaultApi(URI.create(p.server()), retry);
        api.useTokens(p.tokens(), t -> profiles.save(profiles.require().withTokens(t)));
        api.guardRefreshes(profiles::refreshTokens);
        return api;
    }

    /** The device a login's session belongs to, with the credential to present next time. */
    record LoggedIn(String deviceId, String credential) {}

    /**
     * Logs in presenting this home's device when its profile is of the same account, so the server
     * knows it; as a new device otherwise, or when the server revoked the old one.
     */
    LoggedIn logIn(VaultApi api, URI server, String username, String secret) {
        Profile old = profiles.load().filter(p -> p.server().equals(server.toString()) && p.username().equalsIgnoreCase(username)
                && p.deviceId() != null && p.deviceCredential() != null).orElse(null);
        if (old != null) {
            try {
                IssuedTokens t = api.login(new Credentials(username, secret, old.deviceId(), old.deviceCredential(), null, null));
                return new LoggedIn(t.deviceId(), old.deviceCredential());
            } catch (ServerRefusedException e) {
                if (!"device_revoked".equals(e.code())) throw e;
            }
        }
        IssuedTokens t = api.login(new Credentials(username, secret, null, null, deviceName(), DEVICE_KIND));
        return new LoggedIn(t.deviceId(), t.deviceCredential());
    }

    /** Seals the master key to a new key pair of this device, stores the slot, and saves the profile. */
    private Session enroll(VaultApi api, URI server, String username, LoggedIn device, MasterKey mk, VaultSigningKey signing) {
        if (device.deviceId() == null) throw new ClientException("the server did not name this device; it is older than this client");
        try (DeviceKeyPair keys = DeviceKeyPair.generate(random)) {
            api.putKeySlot("device-" + device.deviceId(), "device", B64.encodeToString(KeySlots.sealToDevice(mk, keys.publicKey(), random)));
            profiles.save(new Profile(server.toString(), username, device.deviceId(), device.credential(), keys.encodedPrivateKey(), api.tokens()));
        }
        api.useTokens(api.tokens(), t -> profiles.save(profiles.require().withTokens(t)));
        api.guardRefreshes(profiles::refreshTokens);
        return new Session(api, mk, signing, random);
    }

    /** A name for this device in the account's device list. */
    static String deviceName() {
        String host = System.getenv("HOSTNAME");
        return "chatvault cli" + (host != null && host.matches("[A-Za-z0-9.-]{1,40}") ? " on " + host : "");
    }

    private static byte[] slot(List<KeySlot> slots, String id) {
        return slots.stream().filter(s -> s.slotId().equals(id)).findFirst().map(s -> B64D.decode(s.blob()))
                .orElseThrow(() -> new WrongKeyException("this account has no " + id + " key slot"));
    }

    static String loginSecret(String username, char[] password) {
        return LoginSecret.derivedBase64(username, password);
    }
}
