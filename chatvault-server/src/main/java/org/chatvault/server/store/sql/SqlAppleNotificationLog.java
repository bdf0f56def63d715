package org.chatvault.server.store.sql;

import java.time.Instant;
import java.util.Optional;
import org.chatvault.server.billing.apple.AppleNotificationLog;

/** {@link AppleNotificationLog} in SQL both databases speak (migration V12). */
public final class SqlAppleNotificationLog implements AppleNotificationLog {
    private final SqlDatabase db;

    public SqlAppleNotificationLog(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public boolean seen(String notificationUuid) {
        return db.read("look up an App Store notification", h -> h.createQuery("SELECT 1 FROM apple_notifications WHERE notification_uuid = :id")
                .bind("id", notificationUuid).mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public Optional<Instant> newestSigned(String originalTransactionId) {
        return db.read("find the newest App Store notification of a purchase", h -> h.createQuery("""
                        SELECT signed_at FROM apple_notifications WHERE original_transaction_id = :chain ORDER BY signed_at DESC LIMIT 1""")
                .bind("chain", originalTransactionId).map((r, ctx) -> SqlDatabase.instant(r, 1, ctx)).findOne());
    }

    @Override
    public boolean record(String notificationUuid, String originalTransactionId, Instant signedAt, Instant receivedAt) {
        return db.write("note an App Store notification", h -> h.createUpdate("""
                        INSERT INTO apple_notifications (notification_uuid, original_transaction_id, signed_at, received_at)
                        VALUES (:id, :chain, :signed, :received) ON CONFLICT (notification_uuid) DO NOTHING""")
                .bind("id", notificationUuid).bindByType("chain", originalTransactionId, String.class).bind("signed", signedAt)
                .bind("received", receivedAt).execute() == 1);
    }
}
