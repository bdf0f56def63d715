package org.chatvault.server.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chatvault.server.device.DeviceRecord;
import org.chatvault.server.device.DeviceStore;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link DeviceStore} in SQL both databases speak. */
public final class SqlDeviceStore implements DeviceStore {
    private static final String COLUMNS = "account_id, device_id, name, kind, credential_hash, public_key, added_at, last_seen_at, "
            + "approval_requested_at, revoked_at";
    private final SqlDatabase db;

    public SqlDeviceStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public void create(DeviceRecord d) {
        db.write("add a device", h -> h.createUpdate("""
                        INSERT INTO devices (account_id, device_id, name, kind, credential_hash, added_at, last_seen_at)
                        VALUES (:account, :device, :name, :kind, :credential, :added, :seen)""")
                .bind("account", d.accountId()).bind("device", d.deviceId()).bind("name", d.name()).bind("kind", d.kind())
                .bind("credential", d.credentialHash()).bind("added", d.addedAt()).bind("seen", d.lastSeenAt()).execute());
    }

    @Override
    public Optional<DeviceRecord> find(String accountId, String deviceId) {
        return db.read("find a device", h -> h.createQuery("SELECT " + COLUMNS + " FROM devices WHERE account_id = :account AND device_id = :device")
                .bind("account", accountId).bind("device", deviceId).map(SqlDeviceStore::device).findOne());
    }

    @Override
    public List<DeviceRecord> listActive(String accountId) {
        return db.read("list devices", h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM devices WHERE account_id = :account AND revoked_at IS NULL ORDER BY added_at, device_id")
                .bind("account", accountId).map(SqlDeviceStore::device).list());
    }

    @Override
    public boolean rename(String accountId, String deviceId, String name) {
        return db.write("rename a device", h -> h.createUpdate(
                        "UPDATE devices SET name = :name WHERE account_id = :account AND device_id = :device AND revoked_at IS NULL")
                .bind("account", accountId).bind("device", deviceId).bind("name", name).execute() == 1);
    }

    @Override
    public boolean revoke(String accountId, String deviceId, Instant at) {
        return db.write("revoke a device", h -> h.createUpdate("""
                        UPDATE devices SET revoked_at = :at, approval_requested_at = NULL
                        WHERE account_id = :account AND device_id = :device AND revoked_at IS NULL""")
                .bind("account", accountId).bind("device", deviceId).bind("at", at).execute() == 1);
    }

    @Override
    public void touch(String accountId, String deviceId, Instant at) {
        db.write("note a device was seen", h -> h.createUpdate(
                        "UPDATE devices SET last_seen_at = :at WHERE account_id = :account AND device_id = :device AND last_seen_at < :at")
                .bind("account", accountId).bind("device", deviceId).bind("at", at).execute());
    }

    @Override
    public boolean requestApproval(String accountId, String deviceId, byte[] publicKey, Instant at) {
        return db.write("ask for approval", h -> h.createUpdate("""
                        UPDATE devices SET public_key = :key, approval_requested_at = :at
                        WHERE account_id = :account AND device_id = :device AND revoked_at IS NULL""")
                .bind("account", accountId).bind("device", deviceId).bind("key", publicKey).bind("at", at).execute() == 1);
    }

    @Override
    public boolean completeApproval(String accountId, String deviceId, byte[] publicKey, Instant requestedAfter) {
        return db.write("approve a device", h -> h.createUpdate("""
                        UPDATE devices SET approval_requested_at = NULL
                        WHERE account_id = :account AND device_id = :device AND revoked_at IS NULL AND public_key = :key
                            AND approval_requested_at > :after""")
                .bind("account", accountId).bind("device", deviceId).bind("key", publicKey).bind("after", requestedAfter).execute() == 1);
    }

    private static DeviceRecord device(ResultSet r, StatementContext ctx) throws SQLException {
        return new DeviceRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getBytes(5), r.getBytes(6),
                SqlDatabase.instant(r, 7, ctx), SqlDatabase.instant(r, 8, ctx), SqlDatabase.instant(r, 9, ctx), SqlDatabase.instant(r, 10, ctx));
    }
}
