-- Devices, device-bound sessions and the audit log (issue 10); the same tables as the SQLite dialect.

CREATE TABLE devices (
    account_id             text        NOT NULL REFERENCES accounts (account_id),
    device_id              text        NOT NULL,
    name                   text        NOT NULL,
    kind                   text        NOT NULL,
    credential_hash        bytea       NOT NULL,   -- SHA-256 of the credential the server issued to the device
    public_key             bytea,                  -- X25519, once the device has posted it
    added_at               timestamptz NOT NULL,
    last_seen_at           timestamptz NOT NULL,
    approval_requested_at  timestamptz,            -- set while the device waits for approval
    revoked_at             timestamptz,
    PRIMARY KEY (account_id, device_id)
);

ALTER TABLE tokens ADD COLUMN device_id text;
CREATE INDEX tokens_by_device ON tokens (account_id, device_id);

-- Refresh tokens already traded for new ones: a second use means a copy was stolen.
CREATE TABLE rotated_refresh_tokens (
    account_id  text        NOT NULL REFERENCES accounts (account_id),
    token_hash  bytea       NOT NULL,
    session_id  text        NOT NULL,
    device_id   text,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, token_hash)
);
CREATE UNIQUE INDEX rotated_refresh_tokens_by_hash ON rotated_refresh_tokens (token_hash);
CREATE INDEX rotated_refresh_tokens_by_expiry ON rotated_refresh_tokens (account_id, expires_at);

CREATE TABLE audit_events (
    account_id  text        NOT NULL REFERENCES accounts (account_id),
    event_id    bigint      GENERATED ALWAYS AS IDENTITY,
    at          timestamptz NOT NULL,
    event       text        NOT NULL,
    device_id   text,
    detail      text,
    PRIMARY KEY (account_id, event_id)
);
