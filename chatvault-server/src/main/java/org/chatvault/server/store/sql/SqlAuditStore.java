package org.chatvault.server.store.sql;

import java.util.List;
import org.chatvault.server.audit.AuditEvent;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditStore;

/** {@link AuditStore} in SQL both databases speak; the dialect's own sequence gives the ids. */
public final class SqlAuditStore implements AuditStore {
    private final SqlDatabase db;

    public SqlAuditStore(SqlDatabase db) {
        this.db = db;
    }

    private static final String INSERT = """
            INSERT INTO audit_events (account_id, at, event, device_id, detail) VALUES (:account, :at, :event, :device, :detail)""";

    @Override
    public void append(AuditEvent e) {
        appendAll(List.of(e));
    }

    @Override
    public void appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) return;
        db.write("record audit events", h -> {
            for (AuditEvent e : events) {
                h.createUpdate(INSERT).bind("account", e.accountId()).bind("at", e.at()).bind("event", e.type().wireName())
                        .bindByType("device", e.deviceId(), String.class).bindByType("detail", e.detail(), String.class).execute();
            }
            return null;
        });
    }

    @Override
    public List<AuditEvent> list(String accountId, long beforeId, int limit) {
        return db.read("read the audit log", h -> h.createQuery("""
                        SELECT event_id, account_id, at, event, device_id, detail FROM audit_events
                        WHERE account_id = :account AND event_id < :before ORDER BY event_id DESC LIMIT :limit""")
                .bind("account", accountId).bind("before", beforeId).bind("limit", limit)
                .map((r, ctx) -> new AuditEvent(r.getLong(1), r.getString(2), SqlDatabase.instant(r, 3, ctx),
                        AuditEventType.fromWire(r.getString(4)), r.getString(5), r.getString(6)))
                .list());
    }
}
