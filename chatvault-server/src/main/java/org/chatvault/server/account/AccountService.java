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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and sessions: registration, login, token refresh with rotation, logout, and
 * turning a bearer token into a {@link Principal}. The login secret is derived on the client and
 * opens no key; the server keeps only its Argon2id hash, and only SHA-256 hashes of tokens.
 */
public final class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    static final int LOGIN_SECRET_BYTES = 32;

    private final AccountStore store;
    private final Clock clock;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final LoginSecretHasher hasher;
    private final Tokens tokens;
    private final LoginThrottlePolicy throttle;

    public AccountService(AccountStore store, Clock clock, Duration accessTtl, Duration refreshTtl, Argon2Params loginHashParams,
                          LoginThrottlePolicy throttle, SecureRandom random) {
        this.store = store;
        this.throttle = throttle;
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.hasher = new LoginSecretHasher(loginHashParams, random);
        this.tokens = new Tokens(random);
    }

    /**
     * @param vaultPublicKeyB64 the public half of the vault signing key the client derived from its master key
     * @throws AccountException {@code invalid_username}, {@code bad_request} (secret not base64 of 32 bytes, or
     *     not a valid Ed25519 public key), {@code username_taken}
     */
    public RegisteredAccount register(String username, String loginSecretB64, String vaultPublicKeyB64) {
        Usernames.requireValid(username);
        byte[] vaultPublicKey = decodeVaultPublicKey(vaultPublicKeyB64);
        byte[] secret = decodeSecret(loginSecretB64);
        String key = Usernames.key(username);
        try {
            // Checked first only to spare the hash for a name that is taken; the insert decides.
            if (store.findAccountByUsername(key).isPresent()) throw usernameTaken();
            LoginHash hash = hasher.hashNew(secret);
            String accountId = UUID.randomUUID().toString();
            if (!store.createAccount(new AccountRecord(accountId, username, key, hash, clock.instant(), vaultPublicKey))) throw usernameTaken();
            log.info("registered account {}", accountId);
            return new RegisteredAccount(accountId, username);
        } finally {
            Bytes.wipe(secret);
        }
    }

    /**
     * @throws AccountException {@code invalid_credentials} alike for an unknown user and a wrong secret;
     *     {@code too_many_attempts} ({@link AccountException.LoginThrottled}) once a username has had too
     *     many failures, for unknown names too, so the answer does not tell which names exist
     */
    public SessionTokens login(String username, String loginSecretB64) {
        byte[] secret = decodeSecret(loginSecretB64);
        try {
            String key = Usernames.valid(username) ? Usernames.key(username) : null;
            Instant started = clock.instant();
            // Checked before the hash: a blocked name costs the server no Argon2 work.
            if (key != null) store.loginBlockedUntil(key, started).ifPresent(until -> throwThrottled(until, started));
            Optional<AccountRecord> account = key != null ? store.findAccountByUsername(key) : Optional.empty();
            boolean matches;
            if (account.isEmpty()) {
                hasher.burnForUnknownUser(secret);
                matches = false;
            } else {
                matches = hasher.matches(secret, account.get().loginHash());
            }
            if (!matches) {
                if (key != null) {
                    Instant now = clock.instant();
                    store.recordLoginFailure(key, now, throttle).ifPresent(until -> throwThrottled(until, now));
                }
                throw invalidCredentials();
            }
            store.clearLoginFailures(key);
            String accountId = account.get().accountId();
            Instant now = clock.instant();
            // Logins are when a client starts over, a natural moment to forget its dead tokens.
            store.deleteExpiredTokens(accountId, now);
            String sessionId = UUID.randomUUID().toString();
            Issued issued = issue(accountId, sessionId, now);
            store.insertTokens(issued.records());
            log.info("account {} logged in, session {}", accountId, sessionId);
            return issued.tokens();
        } finally {
            Bytes.wipe(secret);
        }
    }

    /**
     * Trades a refresh token for a new pair; the old refresh token stops working.
     *
     * @throws AccountException {@code unauthorized} (unknown or already used), {@code token_expired}
     */
    public SessionTokens refresh(String refreshToken) {
        if (!Tokens.plausible(refreshToken)) throw unauthorized();
        byte[] hash = Tokens.hash(refreshToken);
        TokenRecord old = store.findToken(hash).filter(t -> t.kind() == TokenKind.REFRESH).orElseThrow(AccountService::unauthorized);
        Instant now = clock.instant();
        if (!now.isBefore(old.expiresAt())) throw tokenExpired("refresh");
        Issued issued = issue(old.accountId(), old.sessionId(), now);
        // Two refreshes racing with one token: only the one that deletes it gets a new pair.
        if (!store.replaceToken(hash, issued.records())) throw unauthorized();
        return issued.tokens();
    }

    /** Ends the session the principal's token belongs to: its access and refresh tokens stop working. */
    public void logout(Principal principal) {
        store.deleteSession(principal.accountId(), principal.sessionId());
        log.info("account {} logged out, session {}", principal.accountId(), principal.sessionId());
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
        return new Principal(t.accountId(), t.sessionId());
    }

    private record Issued(SessionTokens tokens, List<TokenRecord> records) {}

    private Issued issue(String accountId, String sessionId, Instant now) {
        String access = tokens.generate();
        String refresh = tokens.generate();
        Instant accessExpires = now.plus(accessTtl);
        Instant refreshExpires = now.plus(refreshTtl);
        return new Issued(new SessionTokens(access, accessExpires, refresh, refreshExpires, accountId, now), List.of(
                new TokenRecord(Tokens.hash(access), accountId, sessionId, TokenKind.ACCESS, accessExpires),
                new TokenRecord(Tokens.hash(refresh), accountId, sessionId, TokenKind.REFRESH, refreshExpires)));
    }

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

    private static void throwThrottled(Instant until, Instant now) {
        throw new AccountException.LoginThrottled(Duration.between(now, until));
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
