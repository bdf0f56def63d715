-- Subscriptions bought at the stores and their history (issue 11). Times are epoch milliseconds (UTC).

-- One purchase chain at one store, linked to one account for good: (provider, provider_id) is unique
-- across all accounts, so a store transaction is redeemed once. No foreign key to accounts: the row
-- outlives a deleted account so the same purchase can never be redeemed twice.
CREATE TABLE subscriptions (
    subscription_id    TEXT    NOT NULL PRIMARY KEY,
    account_id         TEXT    NOT NULL,
    provider           TEXT    NOT NULL,
    provider_id        TEXT    NOT NULL,
    catalog_version    INTEGER NOT NULL,
    product_id         TEXT    NOT NULL,
    plan_id            TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    started_at         INTEGER NOT NULL,
    paid_until         INTEGER NOT NULL,
    store_grace_until  INTEGER,
    ended_at           INTEGER,
    updated_at         INTEGER NOT NULL,
    UNIQUE (provider, provider_id)
);
CREATE INDEX subscriptions_by_account ON subscriptions (account_id);

CREATE TABLE subscription_events (
    event_id         INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id  TEXT    NOT NULL REFERENCES subscriptions (subscription_id),
    account_id       TEXT    NOT NULL,
    event            TEXT    NOT NULL,
    at               INTEGER NOT NULL,
    received_at      INTEGER NOT NULL,
    detail           TEXT
);
CREATE INDEX subscription_events_by_account ON subscription_events (account_id, event_id);
