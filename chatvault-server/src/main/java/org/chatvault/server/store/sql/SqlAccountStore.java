package org.chatvault.server.store.sql;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.account.AccountStore;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.account.KeySlotRecord;
import org.chatvault.server.account.LoginHash;
import org.chatvault.server.account.LoginReservation;
import org.chatvault.server.account.LoginThrottlePolicy;
import org.chatvault.server.account.TokenKind;
import org.chatvault.server.account.TokenRecord;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link AccountStore} in SQL both databases speak. */
public final class SqlAccountStore implements AccountStore {
    private final SqlDatabase db;

    public SqlAccountStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public boolean createAccount(AccountRecord a) {
        return db.write("create an account", h -> {
            LoginHash hash = a.loginHash();
            int created = h.createUpdate("""
                            INSERT INTO accounts (account_id, username, username_key, secret_salt, secret_hash,
                                argon2_memory_kib, argon2_iterations, argon2_parallelism, created_at)
                            VALUES (:id, :username, :key, :salt, :hash, :memory, :iterations, :parallelism, :at)
                            ON CONFLICT (username_key) DO NOTHING""")
                    .bind("id", a.accountId()).bind("username", a.username()).bind("key", a.usernameKey())
                    .bind("salt", hash.salt()).bind("hash", hash.hash()).bind("memory", hash.params().memoryKiB())
                    .bind("iterations", hash.params().iterations()).bind("parallelism", hash.params().parallelism())
                    .bind("at", a.createdAt()).execute();
            if (created == 0) return false;
            // The head row exists from the start, so a commit, even the first, can lock it.
            h.createUpdate("INSERT INTO heads (account_id, version) VALUES (:id, 0)").bind("id", a.accountId()).execute();
            return true;
        });
    }

    @Override
    public Optional<AccountRecord> findAccountByUsername(String usernameKey) {
        return db.read("find an account", h -> h.createQuery("""
                        SELECT account_id, username, username_key, secret_salt, secret_hash,
                            argon2_memory_kib, argon2_iterations, argon2_parallelism, created_at
                        FROM accounts WHERE username_key = :key""")
                .bind("key", usernameKey)
                .map((r, ctx) -> new AccountRecord(r.getString(1), r.getString(2), r.getString(3),
                        new LoginHash(r.getBytes(4), r.getBytes(5), new Argon2Params(r.getInt(6), r.getInt(7), r.getInt(8))),
                        SqlDatabase.instant(r, 9, ctx)))
                .findOne());
    }

    @Override
    public void insertTokens(List<TokenRecord> tokens) {
        db.write("store tokens", h -> insertTokens(h, tokens));
    }

    private static int[] insertTokens(Handle h, List<TokenRecord> tokens) {
        PreparedBatch batch = h.prepareBatch(
                "INSERT INTO tokens (token_hash, account_id, session_id, kind, expires_at) VALUES (:hash, :account, :session, :kind, :expires)");
        for (TokenRecord t : tokens) {
            batch.bind("hash", t.tokenHash()).bind("account", t.accountId()).bind("session", t.sessionId())
                    .bind("kind", t.kind().name().toLowerCase(Locale.ROOT)).bind("expires", t.expiresAt()).add();
        }
        return batch.execute();
    }

    @Override
    public Optional<TokenRecord> findToken(byte[] tokenHash) {
        return db.read("find a token", h -> h.createQuery("SELECT account_id, session_id, kind, expires_at FROM tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((r, ctx) -> new TokenRecord(tokenHash.clone(), r.getString(1), r.getString(2),
                        TokenKind.valueOf(r.getString(3).toUpperCase(Locale.ROOT)),
                        SqlDatabase.instant(r, 4, ctx)))
                .findOne());
    }

    @Override
    public boolean replaceToken(byte[] oldTokenHash, List<TokenRecord> newTokens) {
        return db.write("rotate a token", h -> {
            // A concurrent rotation of the same token blocks on this row (or on the one writer)
            // and, once the first commits, deletes nothing: exactly one refresh wins.
            if (h.createUpdate("DELETE FROM tokens WHERE token_hash = :hash").bind("hash", oldTokenHash).execute() != 1) return false;
            insertTokens(h, newTokens);
            return true;
        });
    }

    @Override
    public void deleteSession(String accountId, String sessionId) {
        db.write("end a session", h -> h.createUpdate("DELETE FROM tokens WHERE account_id = :account AND session_id = :session")
                .bind("account", accountId).bind("session", sessionId).execute());
    }

    @Override
    public int deleteExpiredTokens(String accountId, Instant now) {
        return db.write("delete expired tokens", h -> h.createUpdate("DELETE FROM tokens WHERE account_id = :account AND expires_at <= :now")
                .bind("account", accountId).bind("now", now).execute());
    }

    @Override
    public List<KeySlotRecord> listKeySlots(String accountId) {
        return db.read("list key slots", h -> h.createQuery(
                        "SELECT slot_id, kind, blob, updated_at FROM key_slots WHERE account_id = :account ORDER BY slot_id" + db.byteOrder())
                .bind("account", accountId)
                .map((r, ctx) -> new KeySlotRecord(r.getString(1), r.getString(2), r.getBytes(3),
                        SqlDatabase.instant(r, 4, ctx)))
                .list());
    }

    @Override
    public void putKeySlot(String accountId, KeySlotRecord slot) {
        db.write("store a key slot", h -> h.createUpdate("""
                        INSERT INTO key_slots (account_id, slot_id, kind, blob, updated_at) VALUES (:account, :slot, :kind, :blob, :at)
                        ON CONFLICT (account_id, slot_id) DO UPDATE
                            SET kind = excluded.kind, blob = excluded.blob, updated_at = excluded.updated_at""")
                .bind("account", accountId).bind("slot", slot.slotId()).bind("kind", slot.kind()).bind("blob", slot.blob())
                .bind("at", slot.updatedAt()).execute());
    }

    @Override
    public boolean deleteKeySlot(String accountId, String slotId) {
        return db.write("delete a key slot", h -> h.createUpdate("DELETE FROM key_slots WHERE account_id = :account AND slot_id = :slot")
                .bind("account", accountId).bind("slot", slotId).execute() == 1);
    }

    @Override
    public Optional<Instant> loginBlockedUntil(String usernameKey, Instant now) {
        return db.read("check the login throttle", h -> h.createQuery(
                        "SELECT blocked_until FROM login_failures WHERE username_key = :key AND blocked_until > :now")
                .bind("key", usernameKey).bind("now", now).mapTo(Instant.class).findOne());
    }

    @Override
    public LoginReservation reserveLoginAttempt(String usernameKey, Instant now, LoginThrottlePolicy policy) {
        return db.write("count a login attempt", h -> {
            // One statement: concurrent attempts queue on the row (or on the one writer) and each
            // sees the count the one before it left. SET expressions see the row as it was; the
            // WHERE leaves a blocked row alone, and then nothing is returned.
            List<Optional<Instant>> counted = h.createQuery("""
                            INSERT INTO login_failures (username_key, failures, window_started_at, blocked_until)
                            VALUES (:key, 1, :now, CASE WHEN 1 >= :max THEN :until END)
                            ON CONFLICT (username_key) DO UPDATE SET
                                failures = CASE WHEN login_failures.window_started_at <= :expired THEN 1
                                                ELSE login_failures.failures + 1 END,
                                window_started_at = CASE WHEN login_failures.window_started_at <= :expired THEN :now
                                                         ELSE login_failures.window_started_at END,
                                blocked_until = CASE WHEN (CASE WHEN login_failures.window_started_at <= :expired THEN 1
                                                                ELSE login_failures.failures + 1 END) >= :max
                                                     THEN :until END
                            WHERE login_failures.blocked_until IS NULL OR login_failures.blocked_until <= :now
                            RETURNING blocked_until""")
                    .bind("key", usernameKey).bind("now", now).bind("max", policy.maxFailures())
                    .bind("until", now.plus(policy.block())).bind("expired", now.minus(policy.window()))
                    .map((r, ctx) -> Optional.ofNullable(SqlDatabase.instant(r, 1, ctx)))
                    .list();
            if (!counted.isEmpty()) return new LoginReservation(true, counted.getFirst());
            Instant until = h.createQuery("SELECT blocked_until FROM login_failures WHERE username_key = :key")
                    .bind("key", usernameKey).mapTo(Instant.class).one();
            return LoginReservation.refused(until);
        });
    }

    @Override
    public void clearLoginFailures(String usernameKey) {
        db.write("clear failed logins", h -> h.createUpdate("DELETE FROM login_failures WHERE username_key = :key")
                .bind("key", usernameKey).execute());
    }

    @Override
    public int deleteStaleLoginFailures(Instant before) {
        return db.write("delete stale failed logins", h -> h.createUpdate(
                        "DELETE FROM login_failures WHERE window_started_at < :before AND (blocked_until IS NULL OR blocked_until < :before)")
                .bind("before", before).execute());
    }
}
