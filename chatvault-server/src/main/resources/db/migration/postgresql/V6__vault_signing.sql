-- Signed vault requests (docs/API.md "Signed requests") and retired key slots (docs/FORMAT.md §5).
-- The same tables as the SQLite dialect.

-- The public half (32 bytes) of the account's Ed25519 vault signing key, registered at account
-- creation. NULL only for accounts created before signed requests: those cannot use the vault.
ALTER TABLE accounts ADD COLUMN vault_public_key bytea CHECK (vault_public_key IS NULL OR length(vault_public_key) = 32);

-- Signed requests accepted recently, by SHA-256 of the signed message: a second insert of the same
-- request fails on the key, on whichever server instance it arrives. Kept until the request's
-- timestamp leaves the window (forget_after); a replay is refused as stale from then on.
CREATE TABLE request_signatures (
    account_id    text        NOT NULL,
    request_hash  bytea       NOT NULL,
    forget_after  timestamptz NOT NULL,
    PRIMARY KEY (account_id, request_hash)
);
CREATE INDEX request_signatures_by_age ON request_signatures (forget_after);

-- Key slots that were deleted or replaced: invisible to the API, kept for the same safety delay as
-- dropped objects, then purged by the sweep job.
CREATE TABLE retired_key_slots (
    account_id     text        NOT NULL,
    retirement_id  text        NOT NULL,
    slot_id        text        NOT NULL,
    kind           text        NOT NULL,
    blob           bytea       NOT NULL,
    updated_at     timestamptz NOT NULL,
    retired_at     timestamptz NOT NULL,
    PRIMARY KEY (account_id, retirement_id)
);
CREATE INDEX retired_key_slots_by_age ON retired_key_slots (retired_at);
