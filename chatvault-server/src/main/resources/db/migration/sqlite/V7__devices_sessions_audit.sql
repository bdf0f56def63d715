-- Devices, device-bound sessions and the audit log (issue 10). Times are epoch milliseconds (UTC).

-- One row per client installation. The credential is a random token the server issued to the
-- device at its first login; only its SHA-256 is kept. A revoked device stays as a row so its
-- credential keeps being refused.
CREATE TABLE devices (
    account_id             TEXT    NOT NULL REFERENCES accounts (account_id),
    device_id              TEXT    NOT NULL,
    name                   TEXT    NOT NULL,
    kind                   TEXT    NOT NULL,
    credential_hash        BLOB    NOT NULL,
    public_key             BLOB,             -- X25519, once the device has posted it
    added_at               INTEGER NOT NULL,
    last_seen_at           INTEGER NOT NULL,
    approval_requested_at  INTEGER,          -- set while the device waits for approval
    revoked_at             INTEGER,
    PRIMARY KEY (account_id, device_id)
);

-- The device a session belongs to, so revoking a device ends its sessions. Null for sessions
-- opened before devices existed.
ALTER TABLE tokens ADD COLUMN device_id TEXT;
CREATE INDEX tokens_by_device ON tokens (account_id, device_id);

-- Refresh tokens already traded for new ones, kept until they would have expired: a second use
-- of one means a copy was stolen, and ends the device's sessions.
CREATE TABLE rotated_refresh_tokens (
    token_hash  BLOB    NOT NULL PRIMARY KEY,
    account_id  TEXT    NOT NULL REFERENCES accounts (account_id),
    session_id  TEXT    NOT NULL,
    device_id   TEXT,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX rotated_refresh_tokens_by_expiry ON rotated_refresh_tokens (account_id, expires_at);

-- What happened to an account, newest first by id; never a secret.
CREATE TABLE audit_events (
    event_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  TEXT    NOT NULL REFERENCES accounts (account_id),
    at          INTEGER NOT NULL,
    event       TEXT    NOT NULL,
    device_id   TEXT,
    detail      TEXT
);
CREATE INDEX audit_events_by_account ON audit_events (account_id, event_id);
