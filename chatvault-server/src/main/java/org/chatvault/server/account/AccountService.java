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
import org.chatvault.server.abuse.BoundedWorkQueue;
import org.chatvault.server.abuse.RateLimits;
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
    private final Tokens tokens;
    private final LoginGuard guard;

    /**
     * @param limits    the rate limits of logins and registrations
     * @param hashQueue the bounded queue every Argon2id hash of a login or registration goes through
     */
    public AccountService(AccountStore store, Clock clock, Duration accessTtl, Duration refreshTtl, Argon2Params loginHashParams,
                          LoginThrottlePolicy throttle, SecureRandom random, RateLimits limits, BoundedWorkQueue hashQueue) {
        this.store = store;
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        LoginSecretHasher hasher = new LoginSecretHasher(loginHashParams, random, hashQueue);
        this.tokens = new Tokens(random);
        this.guard = new LoginGuard(store, limits, throttle, hasher, clock);
    }

    /**
     * @param clientAddress for the rate limits and the hash queue's per-address share
     * @throws AccountException {@code invalid_username}, {@code bad_request} (secret not base64 of 32 bytes), {@code username_taken}
     * @throws org.chatvault.server.abuse.AbuseException {@code too_many_attempts}, {@code server_busy}
     */
    public RegisteredAccount register(String username, String loginSecretB64, String clientAddress) {
        Usernames.requireValid(username);
        byte[] secret = decodeSecret(loginSecretB64);
        String key = Usernames.key(username);
        try (LoginSecretHasher.Slot slot = guard.admitRegistration(key, clientAddress)) {
            // Checked first only to spare the hash for a name that is taken; the insert decides.
            if (store.findAccountByUsername(key).isPresent()) throw usernameTaken();
            LoginHash hash = slot.hashNew(secret);
            String accountId = UUID.randomUUID().toString();
            if (!store.createAccount(new AccountRecord(accountId, username, key, hash, clock.instant()))) throw usernameTaken();
            log.info("registered account {}", accountId);
            return new RegisteredAccount(accountId, username);
        } finally {
            Bytes.wipe(secret);
        }
    }

    /**
     * @param origin the client's address, and whether it has proven to be a known device (see {@link LoginOrigin})
     * @throws AccountException {@code invalid_username} before any lookup or hash; {@code invalid_credentials}
     *     alike for an unknown user and a wrong secret; {@code too_many_attempts} ({@link AccountException.LoginThrottled})
     *     once a username has had too many failures, for unknown names too, so the answer does not tell which names exist
     * @throws org.chatvault.server.abuse.AbuseException {@code too_many_attempts} (a rate), {@code server_busy} (the hash queue is full)
     */
    public SessionTokens login(String username, String loginSecretB64, LoginOrigin origin) {
        Usernames.requireValid(username);
        byte[] secret = decodeSecret(loginSecretB64);
        String key = Usernames.key(username);
        // The guard counts the attempt before the hash (see LoginGuard): parallel guesses gain nothing.
        try (LoginGuard.Attempt attempt = guard.admitLogin(key, origin)) {
            Optional<AccountRecord> account = store.findAccountByUsername(key);
            boolean matches;
            if (account.isEmpty()) {
                attempt.hasher().burnForUnknownUser(secret);
                matches = false;
            } else {
                matches = attempt.hasher().matches(secret, account.get().loginHash());
            }
            if (!matches) throw attempt.failed();
            attempt.succeeded();
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
        return new Issued(new SessionTokens(access, accessExpires, refresh, refreshExpires), List.of(
                new TokenRecord(Tokens.hash(access), accountId, sessionId, TokenKind.ACCESS, accessExpires),
                new TokenRecord(Tokens.hash(refresh), accountId, sessionId, TokenKind.REFRESH, refreshExpires)));
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

    private static AccountException unauthorized() {
        return new AccountException.Unauthorized();
    }

    private static AccountException tokenExpired(String kind) {
        return new AccountException.TokenExpired(kind);
    }
}
