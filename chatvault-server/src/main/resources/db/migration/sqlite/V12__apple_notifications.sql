-- App Store Server Notifications taken in (issue 11). Times are epoch milliseconds (UTC).

-- Apple delivers a notification again until it is answered with a 2xx, so each is applied once by its
-- notificationUUID; signed_at orders the notifications of one purchase chain, so one arriving late
-- does not undo a newer one.
CREATE TABLE apple_notifications (
    notification_uuid        TEXT    NOT NULL PRIMARY KEY,
    original_transaction_id  TEXT,
    signed_at                INTEGER NOT NULL,
    received_at              INTEGER NOT NULL
);
CREATE INDEX apple_notifications_by_chain ON apple_notifications (original_transaction_id, signed_at);
