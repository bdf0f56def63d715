package org.chatvault.server.store.sql;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.account.AccountStore;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.account.KeySlotOutcome;
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
    private static final String RECOVERY = "recovery";
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
                                argon2_memory_kib, argon2_iterations, argon2_parallelism, created_at, vault_public_key)
                            VALUES (:id, :username, :key, :salt, :hash, :memory, :iterations, :parallelism, :at, :vaultKey)
                            ON CONFLICT (username_key) DO NOTHING""")
                    .bind("id", a.accountId()).bind("username", a.username()).bind("key", a.usernameKey())
                    .bind("salt", hash.salt()).bind("hash", hash.hash()).bind("memory", hash.params().memoryKiB())
                    .bind("iterations", hash.params().iterations()).bind("parallelism", hash.params().parallelism())
                    .bind("at", a.createdAt()).bind("vaultKey", a.vaultPublicKey()).execute();
            if (created == 0) return false;
            // The head row exists from the start, so a commit, even the first, can lock it.
            h.createUpdate("INSERT INTO heads (account_id, version) VALUES (:id, 0)").bind("id", a.accountId()).execute();
            return true;
        });
    }

    @Override
    public Optional<AccountRecord> findAccountByUsername(String usernameKey) {
        return findAccountWhere("username_key", usernameKey);
    }

    @Override
    public Optional<AccountRecord> findAccount(String accountId) {
        return findAccountWhere("account_id", accountId);
    }

    /** The account whose {@code column} (one of the two unique ones, never user input) equals {@code value}. */
    private Optional<AccountRecord> findAccountWhere(String column, String value) {
        return db.read("find an account", h -> h.createQuery("""
                        SELECT account_id, username, username_key, secret_salt, secret_hash,
                            argon2_memory_kib, argon2_iterations, argon2_parallelism, created_at, vault_public_key
                        FROM accounts""" + " WHERE " + column + " = :value")
                .bind("value", value)
                .map((r, ctx) -> new AccountRecord(r.getString(1), r.getString(2), r.getString(3),
                        new LoginHash(r.getBytes(4), r.getBytes(5), new Argon2Params(r.getInt(6), r.getInt(7), r.getInt(8))),
                        SqlDatabase.instant(r, 9, ctx), r.getBytes(10)))
                .findOne());
    }

    @Override
    public Optional<Instant> deletedAt(String accountId) {
        return db.read("check an account's deletion", h -> h.createQuery("SELECT deleted_at FROM accounts WHERE account_id = :id")
                .bind("id", accountId).mapTo(Instant.class).findOne());
    }

    @Override
    public Optional<byte[]> findVaultPublicKey(String accountId) {
        return db.read("find a vault public key", h -> h.createQuery("SELECT vault_public_key FROM accounts WHERE account_id = :id")
                .bind("id", accountId).map((r, ctx) -> Optional.ofNullable(r.getBytes(1))).findOne().flatMap(k -> k));
    }

    @Override
    public boolean updateLoginHash(String accountId, LoginHash hash) {
        return db.write("change a login hash", h -> h.createUpdate("""
                        UPDATE accounts SET secret_salt = :salt, secret_hash = :hash, argon2_memory_kib = :memory,
                            argon2_iterations = :iterations, argon2_parallelism = :parallelism
                        WHERE account_id = :id""")
                .bind("id", accountId).bind("salt", hash.salt()).bind("hash", hash.hash()).bind("memory", hash.params().memoryKiB())
                .bind("iterations", hash.params().iterations()).bind("parallelism", hash.params().parallelism()).execute() == 1);
    }

    @Override
    public void insertTokens(List<TokenRecord> tokens) {
        db.write("store tokens", h -> insertTokens(h, tokens));
    }

    private static int[] insertTokens(Handle h, List<TokenRecord> tokens) {
        PreparedBatch batch = h.prepareBatch(
                "INSERT INTO tokens (token_hash, account_id, session_id, kind, expires_at, device_id) "
                        + "VALUES (:hash, :account, :session, :kind, :expires, :device)");
        for (TokenRecord t : tokens) {
            batch.bind("hash", t.tokenHash()).bind("account", t.accountId()).bind("session", t.sessionId())
                    .bind("kind", t.kind().name().toLowerCase(Locale.ROOT)).bind("expires", t.expiresAt())
                    .bindByType("device", t.deviceId(), String.class).add();
        }
        return batch.execute();
    }

    @Override
    public Optional<TokenRecord> findToken(byte[] tokenHash) {
        return db.read("find a token", h -> h.createQuery(
                        "SELECT account_id, session_id, kind, expires_at, device_id FROM tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((r, ctx) -> new TokenRecord(tokenHash.clone(), r.getString(1), r.getString(2),
                        TokenKind.valueOf(r.getString(3).toUpperCase(Locale.ROOT)),
                        SqlDatabase.instant(r, 4, ctx), r.getString(5)))
                .findOne());
    }

    @Override
    public boolean replaceToken(byte[] oldTokenHash, List<TokenRecord> newTokens) {
        return db.write("rotate a token", h -> {
            // A concurrent rotation of the same token blocks on this row (or on the one writer)
            // and, once the first commits, deletes nothing: exactly one refresh wins.
            Optional<TokenRecord> old = h.createQuery(
                            "DELETE FROM tokens WHERE token_hash = :hash RETURNING account_id, session_id, expires_at, device_id")
                    .bind("hash", oldTokenHash)
                    .map((r, ctx) -> new TokenRecord(oldTokenHash, r.getString(1), r.getString(2), TokenKind.REFRESH,
                            SqlDatabase.instant(r, 3, ctx), r.getString(4)))
                    .findOne();
            if (old.isEmpty()) return false;
            TokenRecord t = old.get();
            h.createUpdate("""
                            INSERT INTO rotated_refresh_tokens (token_hash, account_id, session_id, device_id, expires_at)
                            VALUES (:hash, :account, :session, :device, :expires)""")
                    .bind("hash", oldTokenHash).bind("account", t.accountId()).bind("session", t.sessionId())
                    .bindByType("device", t.deviceId(), String.class).bind("expires", t.expiresAt()).execute();
            insertTokens(h, newTokens);
            return true;
        });
    }

    @Override
    public Optional<TokenRecord> findRotatedToken(byte[] tokenHash) {
        return db.read("find a rotated token", h -> h.createQuery(
                        "SELECT account_id, session_id, expires_at, device_id FROM rotated_refresh_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .map((r, ctx) -> new TokenRecord(tokenHash.clone(), r.getString(1), r.getString(2), TokenKind.REFRESH,
                        SqlDatabase.instant(r, 3, ctx), r.getString(4)))
                .findOne());
    }

    @Override
    public int deleteDeviceSessions(String accountId, String deviceId) {
        return endSessions("end a device's sessions", accountId, "device_id = :other", deviceId);
    }

    @Override
    public int deleteOtherSessions(String accountId, String keepSessionId) {
        return endSessions("end other sessions", accountId, "session_id <> :other", keepSessionId);
    }

    /** Deletes the tokens of the account's sessions that {@code condition} picks; returns how many sessions that ended. */
    private int endSessions(String what, String accountId, String condition, String other) {
        String where = " FROM tokens WHERE account_id = :account AND " + condition;
        return db.write(what, h -> {
            int sessions = h.createQuery("SELECT COUNT(DISTINCT session_id)" + where)
                    .bind("account", accountId).bind("other", other).mapTo(Integer.class).one();
            h.createUpdate("DELETE" + where).bind("account", accountId).bind("other", other).execute();
            return sessions;
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
                .bind("account", accountId).bind("now", now).execute()
                + h.createUpdate("DELETE FROM rotated_refresh_tokens WHERE account_id = :account AND expires_at <= :now")
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
    public KeySlotOutcome putKeySlot(String accountId, KeySlotRecord slot) {
        return db.write("store a key slot", h -> {
            Map<String, String> kinds = lockKeySlots(h, accountId);
            String replacedKind = kinds.get(slot.slotId());
            if (replacedKind != null) {
                if (leavesNoRecovery(kinds, slot.slotId()) && !slot.kind().equals(RECOVERY)) return KeySlotOutcome.LAST_RECOVERY;
                retire(h, accountId, slot.slotId(), slot.updatedAt());
            }
            h.createUpdate("""
                            INSERT INTO key_slots (account_id, slot_id, kind, blob, updated_at) VALUES (:account, :slot, :kind, :blob, :at)
                            ON CONFLICT (account_id, slot_id) DO UPDATE
                                SET kind = excluded.kind, blob = excluded.blob, updated_at = excluded.updated_at""")
                    .bind("account", accountId).bind("slot", slot.slotId()).bind("kind", slot.kind()).bind("blob", slot.blob())
                    .bind("at", slot.updatedAt()).execute();
            return KeySlotOutcome.DONE;
        });
    }

    @Override
    public KeySlotOutcome deleteKeySlot(String accountId, String slotId, Instant now) {
        return db.write("delete a key slot", h -> {
            Map<String, String> kinds = lockKeySlots(h, accountId);
            if (!kinds.containsKey(slotId)) return KeySlotOutcome.NOT_FOUND;
            if (leavesNoRecovery(kinds, slotId)) return KeySlotOutcome.LAST_RECOVERY;
            retire(h, accountId, slotId, now);
            h.createUpdate("DELETE FROM key_slots WHERE account_id = :account AND slot_id = :slot")
                    .bind("account", accountId).bind("slot", slotId).execute();
            return KeySlotOutcome.DONE;
        });
    }

    /**
     * The account's live slots (id to kind), locked until the transaction ends: two deletions of
     * its last two recovery slots, on two servers, cannot both see the other one still there.
     */
    private Map<String, String> lockKeySlots(Handle h, String accountId) {
        Map<String, String> kinds = new HashMap<>();
        h.createQuery("SELECT slot_id, kind FROM key_slots WHERE account_id = :account" + db.forUpdate())
                .bind("account", accountId).map((r, ctx) -> Map.entry(r.getString(1), r.getString(2)))
                .forEach(e -> kinds.put(e.getKey(), e.getValue()));
        return kinds;
    }

    /** Whether {@code slotId} is a recovery slot and no other live one is. */
    private static boolean leavesNoRecovery(Map<String, String> kinds, String slotId) {
        if (!RECOVERY.equals(kinds.get(slotId))) return false;
        return kinds.entrySet().stream().noneMatch(e -> !e.getKey().equals(slotId) && RECOVERY.equals(e.getValue()));
    }

    private static void retire(Handle h, String accountId, String slotId, Instant now) {
        h.createUpdate("""
                        INSERT INTO retired_key_slots (account_id, retirement_id, slot_id, kind, blob, updated_at, retired_at)
                        SELECT account_id, :retirement, slot_id, kind, blob, updated_at, :now
                        FROM key_slots WHERE account_id = :account AND slot_id = :slot""")
                .bind("retirement", UUID.randomUUID().toString()).bind("now", now)
                .bind("account", accountId).bind("slot", slotId).execute();
    }

    @Override
    public List<KeySlotRecord> listRetiredKeySlots(String accountId) {
        return db.read("list retired key slots", h -> h.createQuery(
                        "SELECT slot_id, kind, blob, updated_at FROM retired_key_slots WHERE account_id = :account ORDER BY retired_at, retirement_id")
                .bind("account", accountId)
                .map((r, ctx) -> new KeySlotRecord(r.getString(1), r.getString(2), r.getBytes(3), SqlDatabase.instant(r, 4, ctx)))
                .list());
    }

    @Override
    public int purgeRetiredKeySlots(Instant before, boolean dryRun) {
        if (dryRun) return db.read("count retired key slots", h -> h.createQuery(
                "SELECT count(*) FROM retired_key_slots WHERE retired_at < :before").bind("before", before).mapTo(Integer.class).one());
        return db.write("purge retired key slots", h -> h.createUpdate("DELETE FROM retired_key_slots WHERE retired_at < :before")
                .bind("before", before).execute());
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
