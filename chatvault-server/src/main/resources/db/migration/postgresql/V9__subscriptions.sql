-- Subscriptions bought at the stores and their history (issue 11).

-- One purchase chain at one store, linked to one account for good: (provider, provider_id) is unique
-- across all accounts, so a store transaction is redeemed once. No foreign key to accounts: the row
-- outlives a deleted account so the same purchase can never be redeemed twice.
CREATE TABLE subscriptions (
    subscription_id    text        NOT NULL PRIMARY KEY,
    account_id         text        NOT NULL,
    provider           text        NOT NULL,
    provider_id        text        NOT NULL,
    catalog_version    integer     NOT NULL,
    product_id         text        NOT NULL,
    plan_id            text        NOT NULL,
    status             text        NOT NULL,
    started_at         timestamptz NOT NULL,
    paid_until         timestamptz NOT NULL,
    store_grace_until  timestamptz,
    ended_at           timestamptz,
    updated_at         timestamptz NOT NULL,
    UNIQUE (provider, provider_id)
);
CREATE INDEX subscriptions_by_account ON subscriptions (account_id);

CREATE TABLE subscription_events (
    event_id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  text        NOT NULL REFERENCES subscriptions (subscription_id),
    account_id       text        NOT NULL,
    event            text        NOT NULL,
    at               timestamptz NOT NULL,
    received_at      timestamptz NOT NULL,
    detail           text
);
CREATE INDEX subscription_events_by_account ON subscription_events (account_id, event_id);
