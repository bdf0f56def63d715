package org.chatvault.server.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.crypto.Bytes;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.abuse.BoundedWorkQueue;
import org.chatvault.server.abuse.RateLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and sessions: registration, login (each session belongs to a device, see
 * {@link DeviceGate}), token refresh with rotation, logout, ending other sessions, password
 * change, and turning a bearer token into a {@link Principal}. The login secret is derived on the
 * client and opens no key; the server keeps only its Argon2id hash, and only SHA-256 hashes of tokens.
 *
 * <p>A session lives at most {@code sessionLifetime} from its login: a refresh rotates the
 * refresh token but keeps its expiry, and no access token outlives it. A refresh token used a
 * second time means a copy was stolen; it ends every session of that device.
 */
public final class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    static final int LOGIN_SECRET_BYTES = 32;

    private final AccountStore store;
    private final Clock clock;
    private final Duration accessTtl;
    private final Duration sessionLifetime;
    private final LoginSecretHasher hasher;
    private final Tokens tokens;
    private final LoginGuard guard;
    private final DeviceGate devices;
    private final AuditLog audit;

    /**
     * @param accessTtl       lifetime of an access token
     * @param sessionLifetime absolute lifetime of a session from its login, which refreshing cannot extend
     * @param limits          the rate limits of logins and registrations
     * @param hashQueue       the bounded queue every Argon2id hash of a login or registration goes through
     */
    public AccountService(AccountStore store, Clock clock, Duration accessTtl, Duration sessionLifetime, Argon2Params loginHashParams,
                          LoginThrottlePolicy throttle, SecureRandom random, DeviceGate devices, AuditLog audit,
                          RateLimits limits, BoundedWorkQueue hashQueue) {
        this.store = store;
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.sessionLifetime = sessionLifetime;
        this.hasher = new LoginSecretHasher(loginHashParams, random, hashQueue);
        this.guard = new LoginGuard(store, limits, throttle, hasher, clock);
        this.tokens = new Tokens(random);
        this.devices = devices;
        this.audit = audit;
    }

    /**
     * @param vaultPublicKeyB64 the public half of the vault signing key the client derived from its master key
     * @param clientAddress     for the rate limits and the hash queue's per-address share
     * @throws AccountException {@code invalid_username}, {@code bad_request} (secret not base64 of 32 bytes, or
     *     not a valid Ed25519 public key), {@code username_taken}
     * @throws org.chatvault.server.abuse.AbuseException {@code too_many_attempts}, {@code server_busy}
     */
    public RegisteredAccount register(String username, String loginSecretB64, String vaultPublicKeyB64, String clientAddress) {
        Usernames.requireValid(username);
        byte[] vaultPublicKey = decodeVaultPublicKey(vaultPublicKeyB64);
        byte[] secret = decodeSecret(loginSecretB64);
        String key = Usernames.key(username);
        try (LoginSecretHasher.Slot slot = guard.admitRegistration(key, clientAddress)) {
            // Checked first only to spare the hash for a name that is taken; the insert decides.
            if (store.findAccountByUsername(key).isPresent()) throw usernameTaken();
            LoginHash hash = slot.hashNew(secret);
            String accountId = UUID.randomUUID().toString();
            if (!store.createAccount(new AccountRecord(accountId, username, key, hash, clock.instant(), vaultPublicKey))) throw usernameTaken();
            log.info("registered account {}", accountId);
            return new RegisteredAccount(accountId, username);
        } finally {
            Bytes.wipe(secret);
        }
    }

    /** A login as a new device with no name, from inside the server. */
    public SessionTokens login(String username, String loginSecretB64) {
        return login(username, loginSecretB64, DeviceHello.NEW, null);
    }

    /**
     * Opens a session for the device {@code device} presents, or for a new device.
     *
     * @param clientAddress for the rate limits and the hash queue's per-address share (null from inside the server)
     * @throws AccountException {@code invalid_username} before any lookup or hash; {@code invalid_credentials} alike for
     *     an unknown user and a wrong secret (and for an unknown device or wrong device credential); {@code too_many_attempts}
     *     ({@link AccountException.LoginThrottled}) once a username has had too many failures, for unknown names too, so the
     *     answer does not tell which names exist
     * @throws org.chatvault.server.abuse.AbuseException {@code too_many_attempts} (a rate), {@code server_busy} (the hash queue is full)
     * @throws org.chatvault.server.device.DeviceException.Revoked if the device presented was revoked
     */
    public SessionTokens login(String username, String loginSecretB64, DeviceHello device, String clientAddress) {
        Usernames.requireValid(username);
        byte[] secret = decodeSecret(loginSecretB64);
        String key = Usernames.key(username);
        try {
            Optional<AccountRecord> account = store.findAccountByUsername(key);
            // A device proving its own credential (cheap: no hash) is not locked out by other people's failures.
            String knownDevice = account.filter(a -> devices.isKnownDevice(a.accountId(), device)).map(a -> device.deviceId()).orElse(null);
            // The guard counts the attempt before the hash (see LoginGuard): parallel guesses gain nothing.
            try (LoginGuard.Attempt attempt = guard.admitLogin(key, new LoginOrigin(clientAddress, knownDevice))) {
                boolean matches;
                if (account.isEmpty()) {
                    attempt.hasher().burnForUnknownUser(secret);
                    matches = false;
                } else {
                    matches = attempt.hasher().matches(secret, account.get().loginHash());
                }
                if (!matches) {
                    account.ifPresent(a -> audit.record(a.accountId(), AuditEventType.LOGIN_FAILED, null, "wrong login secret"));
                    throw attempt.failed();
                }
                attempt.succeeded();
            }
            String accountId = account.get().accountId();
            Instant now = clock.instant();
            DeviceAttachment attached;
            try {
                attached = devices.attach(accountId, device, now);
            } catch (RuntimeException e) {
                audit.record(accountId, AuditEventType.LOGIN_FAILED, null, "refused device");
                throw e;
            }
            // Logins are when a client starts over, a natural moment to forget its dead tokens.
            store.deleteExpiredTokens(accountId, now);
            String sessionId = UUID.randomUUID().toString();
            Issued issued = issue(accountId, sessionId, attached.deviceId(), now, now.plus(sessionLifetime), attached.credential());
            store.insertTokens(issued.records());
            // A revocation that ran between the device check and the insert deleted the device's
            // tokens before these existed: look again, now that they are stored.
            if (!devices.isActive(accountId, attached.deviceId())) {
                store.deleteSession(accountId, sessionId);
                throw unauthorized();
            }
            // Checked after the secret, so the answer tells only the owner that the account is gone; and after the
            // insert, so a deletion racing this login ends the session it made too.
            if (store.deletedAt(accountId).isPresent()) {
                store.deleteSession(accountId, sessionId);
                throw new AccountException.AccountDeleted();
            }
            audit.record(accountId, AuditEventType.LOGIN, attached.deviceId(), attached.isNew() ? "new device" : null);
            log.info("account {} logged in, session {}, device {}", accountId, sessionId, attached.deviceId());
            return issued.tokens();
        } finally {
            Bytes.wipe(secret);
        }
    }

    /**
     * Trades a refresh token for a new pair; the old refresh token stops working, and using it
     * again ends every session of its device.
     *
     * @throws AccountException {@code unauthorized} (unknown, already used, or its device revoked), {@code token_expired}
     */
    public SessionTokens refresh(String refreshToken) {
        if (!Tokens.plausible(refreshToken)) throw unauthorized();
        byte[] hash = Tokens.hash(refreshToken);
        Optional<TokenRecord> found = store.findToken(hash).filter(t -> t.kind() == TokenKind.REFRESH);
        if (found.isEmpty()) {
            store.findRotatedToken(hash).ifPresent(this::endStolenSessions);
            throw unauthorized();
        }
        TokenRecord old = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(old.expiresAt())) throw tokenExpired("refresh");
        if (!devices.isActive(old.accountId(), old.deviceId())) throw unauthorized();
        // The refresh token keeps its expiry: the session's absolute end, set at login.
        Issued issued = issue(old.accountId(), old.sessionId(), old.deviceId(), now, old.expiresAt(), null);
        // Two refreshes racing with one token: only the one that deletes it gets a new pair.
        if (!store.replaceToken(hash, issued.records())) throw unauthorized();
        devices.seen(old.accountId(), old.deviceId(), now);
        return issued.tokens();
    }

    /** A rotated refresh token came back: someone holds a copy. End what it could reach. */
    private void endStolenSessions(TokenRecord rotated) {
        int ended;
        if (rotated.deviceId() != null) {
            ended = store.deleteDeviceSessions(rotated.accountId(), rotated.deviceId());
        } else {
            store.deleteSession(rotated.accountId(), rotated.sessionId());
            ended = 1;
        }
        audit.record(rotated.accountId(), AuditEventType.REFRESH_TOKEN_REUSED, rotated.deviceId(), ended + " session(s) ended");
        log.warn("account {}: a rotated refresh token was used again; ended {} session(s) of device {}",
                rotated.accountId(), ended, rotated.deviceId());
    }

    /** Ends the session the principal's token belongs to: its access and refresh tokens stop working. */
    public void logout(Principal principal) {
        store.deleteSession(principal.accountId(), principal.sessionId());
        audit.record(principal.accountId(), AuditEventType.LOGOUT, principal.deviceId(), null);
        log.info("account {} logged out, session {}", principal.accountId(), principal.sessionId());
    }

    /** Ends every session of the account but the principal's. @return how many ended */
    public int revokeOtherSessions(Principal principal) {
        int ended = store.deleteOtherSessions(principal.accountId(), principal.sessionId());
        audit.record(principal.accountId(), AuditEventType.SESSIONS_REVOKED, principal.deviceId(), ended + " other session(s) ended");
        return ended;
    }

    /**
     * Replaces the login secret after checking the current one (with the same Argon2id work as a
     * login), and ends every other session of the account.
     *
     * @throws AccountException {@code invalid_credentials} if the current secret is wrong; {@code bad_request} for a malformed secret
     */
    public void changePassword(Principal principal, String currentSecretB64, String newSecretB64) {
        byte[] current = decodeSecret(currentSecretB64);
        byte[] next = null;
        try {
            next = decodeSecret(newSecretB64);
            AccountRecord account = store.findAccount(principal.accountId()).orElseThrow(AccountService::unauthorized);
            LoginHash nextHash;
            // Two hashes, so two places in the queue: a ticket runs one piece of work.
            try (LoginSecretHasher.Slot slot = hasher.admit(null)) {
                if (!slot.matches(current, account.loginHash())) {
                    audit.record(principal.accountId(), AuditEventType.LOGIN_FAILED, principal.deviceId(), "wrong current secret at password change");
                    throw invalidCredentials();
                }
            }
            try (LoginSecretHasher.Slot slot = hasher.admit(null)) {
                nextHash = slot.hashNew(next);
            }
            if (!store.updateLoginHash(principal.accountId(), nextHash)) throw unauthorized();
            int ended = store.deleteOtherSessions(principal.accountId(), principal.sessionId());
            audit.record(principal.accountId(), AuditEventType.PASSWORD_CHANGED, principal.deviceId(), ended + " other session(s) ended");
            log.info("account {} changed its password; {} other session(s) ended", principal.accountId(), ended);
        } finally {
            Bytes.wipe(current);
            Bytes.wipe(next);
        }
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @throws AccountException {@code unauthorized} (absent, malformed or unknown token), {@code token_expired}
     */
    public Principal authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) throw unauthorized();
        String token = authorization.substring(7).trim();
        if (!Tokens.plausible(token)) throw unauthorized();
        TokenRecord t = store.findToken(Tokens.hash(token)).filter(r -> r.kind() == TokenKind.ACCESS).orElseThrow(AccountService::unauthorized);
        if (!clock.instant().isBefore(t.expiresAt())) throw tokenExpired("access");
        return new Principal(t.accountId(), t.sessionId(), t.deviceId());
    }

    private record Issued(SessionTokens tokens, List<TokenRecord> records) {}

    private Issued issue(String accountId, String sessionId, String deviceId, Instant now, Instant sessionEnd, String deviceCredential) {
        String access = tokens.generate();
        String refresh = tokens.generate();
        Instant accessExpires = min(now.plus(accessTtl), sessionEnd);
        return new Issued(new SessionTokens(access, accessExpires, refresh, sessionEnd, accountId, now, deviceId, deviceCredential), List.of(
                new TokenRecord(Tokens.hash(access), accountId, sessionId, TokenKind.ACCESS, accessExpires, deviceId),
                new TokenRecord(Tokens.hash(refresh), accountId, sessionId, TokenKind.REFRESH, sessionEnd, deviceId)));
    }

    private static Instant min(Instant a, Instant b) { return a.isBefore(b) ? a : b; }

    private static byte[] decodeVaultPublicKey(String b64) {
        byte[] key;
        try {
            key = b64 == null ? null : Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            key = null;
        }
        if (!VaultSigningKey.isValidPublicKey(key)) throw new AccountException.InvalidVaultPublicKey(VaultSigningKey.PUBLIC_KEY_BYTES);
        return key;
    }

    private static byte[] decodeSecret(String b64) {
        byte[] secret;
        try {
            secret = b64 == null ? null : Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            secret = null;
        }
        if (secret == null || secret.length != LOGIN_SECRET_BYTES)
            throw new AccountException.InvalidLoginSecret(LOGIN_SECRET_BYTES);
        return secret;
    }

    private static AccountException usernameTaken() {
        return new AccountException.UsernameTaken();
    }

    private static AccountException invalidCredentials() {
        return new AccountException.BadCredentials();
    }

    private static AccountException unauthorized() {
        return new AccountException.Unauthorized();
    }

    private static AccountException tokenExpired(String kind) {
        return new AccountException.TokenExpired(kind);
    }
}
