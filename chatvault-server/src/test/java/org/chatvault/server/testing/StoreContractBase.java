package org.chatvault.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.account.AccountStore;
import org.chatvault.server.audit.AuditStore;
import org.chatvault.server.device.DeviceStore;
import org.chatvault.server.jobs.LeaseStore;
import org.chatvault.server.signing.SignatureStore;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.vault.CommitOutcome;
import org.chatvault.server.vault.HeadChange;
import org.chatvault.server.vault.IndexResult;
import org.chatvault.server.account.LoginHash;
import org.chatvault.server.vault.NewPack;
import org.chatvault.server.vault.ObjectEntry;
import org.chatvault.server.account.TokenKind;
import org.chatvault.server.account.TokenRecord;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.vault.HeadService;
import org.chatvault.server.vault.ObjectIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the store contracts share: a fresh database per test (SQLite or PostgreSQL, chosen by the
 * concrete test class), its stores, and ways to fill them.
 */
public abstract class StoreContractBase {
    protected static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private final SplittableRandom random = new SplittableRandom(0xc0ffeeL);
    protected SqlTestDatabase database;
    protected SqlStores stores;
    protected AccountStore accounts;
    protected ObjectIndex index;
    protected LeaseStore leases;
    protected SignatureStore signatures;
    protected DeviceStore devices;
    protected AuditStore audit;

    /** A new, empty database for one test. */
    protected abstract SqlTestDatabase newDatabase();

    @BeforeEach
    void openStores() {
        database = newDatabase();
        use(database.open());
    }

    @AfterEach
    void closeStores() {
        stores.close(); // before dropping a schema, so no pooled connection is left on it
        database.close();
    }

    /** Closes the stores and opens the same database again. */
    protected void reopen() {
        stores.close();
        use(database.open());
    }

    private void use(SqlStores s) {
        stores = s;
        accounts = s.accounts();
        index = s.objects();
        leases = s.leases();
        signatures = s.signatures();
        devices = s.devices();
        audit = s.audit();
    }

    protected String newAccount(String username) {
        String id = UUID.randomUUID().toString();
        LoginHash hash = new LoginHash(bytes(16), bytes(32), new Argon2Params(64, 1, 1));
        assertThat(accounts.createAccount(new AccountRecord(id, username, username.toLowerCase(), hash, T0, bytes(32)))).isTrue();
        return id;
    }

    protected byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    protected ObjectId newId() {
        return ObjectId.of(bytes(32));
    }

    /** Indexes {@code ids} as one pack of {@code kind} objects of 100 bytes each. */
    protected IndexResult index(String account, ObjectKind kind, ObjectId... ids) {
        String packId = UUID.randomUUID().toString();
        int bucket = kind.bucketed() ? 202403 : 0;
        List<ObjectEntry> entries = new ArrayList<>();
        long pos = 4;
        for (ObjectId id : ids) {
            entries.add(new ObjectEntry(id, kind, bucket, pos + 41, 100));
            pos += 141;
        }
        return index.indexPacks(account, List.of(new NewPack(packId, bucket, "packs/" + account + "/" + packId, pos, entries)), T0);
    }

    protected TokenRecord token(String account, String session, TokenKind kind, Instant expires) {
        return new TokenRecord(bytes(32), account, session, kind, expires);
    }

    protected TokenRecord token(String account, String session, TokenKind kind, Instant expires, String device) {
        return new TokenRecord(bytes(32), account, session, kind, expires, device);
    }

    protected static HeadChange change(long base, ObjectId root, Set<ObjectId> added, Set<ObjectId> dropped, Instant at) {
        return new HeadChange(base, root, added, dropped, at);
    }

    /** The commit rule (in the vault service) over the store's primitives. */
    protected CommitOutcome commit(String account, HeadChange change) {
        return new HeadService(index, Clock.fixed(T0, ZoneOffset.UTC)).compareAndSwap(account, change);
    }
}
