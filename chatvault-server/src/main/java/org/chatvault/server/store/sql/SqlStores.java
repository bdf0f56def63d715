package org.chatvault.server.store.sql;

import java.nio.file.Path;
import org.chatvault.server.account.AccountLifecycleStore;
import org.chatvault.server.account.AccountStore;
import org.chatvault.server.audit.AuditStore;
import org.chatvault.server.billing.SubscriptionStore;
import org.chatvault.server.device.DeviceStore;
import org.chatvault.server.jobs.LeaseStore;
import org.chatvault.server.signing.SignatureStore;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.chatvault.server.vault.ObjectIndex;

/**
 * The stores of one metadata database, opened and closed together.
 *
 * @param database for health checks; the stores' connections
 */
public record SqlStores(AccountStore accounts, ObjectIndex objects, LeaseStore leases, SignatureStore signatures, DeviceStore devices, AuditStore audit,
                        SubscriptionStore subscriptions, SqlDatabase database, AccountLifecycleStore lifecycle) implements AutoCloseable {

    /**
     * Opens (creating if needed) and migrates an SQLite file.
     *
     * @throws org.chatvault.server.storage.StoreException if the file cannot be opened or migrated
     */
    public static SqlStores sqlite(Path file) {
        return of(SqliteDialect.open(file));
    }

    /**
     * Connects to PostgreSQL, creating the schema and migrating it if needed.
     *
     * @throws org.chatvault.server.storage.StoreException if the database is unreachable, refuses the login, or cannot be migrated
     */
    public static SqlStores postgres(PostgresSettings settings) {
        return of(PostgresDialect.open(settings));
    }

    private static SqlStores of(SqlDatabase db) {
        return new SqlStores(new SqlAccountStore(db), new SqlObjectIndex(db), new SqlLeaseStore(db), new SqlSignatureStore(db), new SqlDeviceStore(db),
                new SqlAuditStore(db), new SqlSubscriptionStore(db), db, new SqlAccountLifecycleStore(db));
    }

    /** Releases the connections; further calls fail with a {@link org.chatvault.server.storage.StoreException}. */
    @Override
    public void close() {
        database.close();
    }
}
