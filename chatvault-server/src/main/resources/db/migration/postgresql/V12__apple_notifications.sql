-- App Store Server Notifications taken in (issue 11).

-- Apple delivers a notification again until it is answered with a 2xx, so each is applied once by its
-- notificationUUID; signed_at orders the notifications of one purchase chain, so one arriving late
-- does not undo a newer one.
CREATE TABLE apple_notifications (
    notification_uuid        text        NOT NULL PRIMARY KEY,
    original_transaction_id  text,
    signed_at                timestamptz NOT NULL,
    received_at              timestamptz NOT NULL
);
CREATE INDEX apple_notifications_by_chain ON apple_notifications (original_transaction_id, signed_at);
