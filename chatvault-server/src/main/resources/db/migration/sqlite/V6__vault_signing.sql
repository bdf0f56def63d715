-- Signed vault requests (docs/API.md "Signed requests") and retired key slots (docs/FORMAT.md §5).

-- The public half (32 bytes) of the account's Ed25519 vault signing key, registered at account
-- creation. NULL only for accounts created before signed requests: those cannot use the vault.
ALTER TABLE accounts ADD COLUMN vault_public_key BLOB;

-- Signed requests accepted recently, by SHA-256 of the signed message: a second insert of the same
-- request fails on the key, on whichever server instance it arrives. Kept until the request's
-- timestamp leaves the window (forget_after); a replay is refused as stale from then on. No
-- foreign key: the rows outlive nothing by more than minutes.
CREATE TABLE request_signatures (
    account_id    TEXT    NOT NULL,
    request_hash  BLOB    NOT NULL,
    forget_after  INTEGER NOT NULL,
    PRIMARY KEY (account_id, request_hash)
) WITHOUT ROWID;
CREATE INDEX request_signatures_by_age ON request_signatures (forget_after);

-- Key slots that were deleted or replaced: invisible to the API, kept for the same safety delay as
-- dropped objects so that a stolen session cannot destroy the way into the vault at once, then
-- purged by the sweep job.
CREATE TABLE retired_key_slots (
    account_id     TEXT    NOT NULL,
    retirement_id  TEXT    NOT NULL,
    slot_id        TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    blob           BLOB    NOT NULL,
    updated_at     INTEGER NOT NULL,
    retired_at     INTEGER NOT NULL,
    PRIMARY KEY (account_id, retirement_id)
);
CREATE INDEX retired_key_slots_by_age ON retired_key_slots (retired_at);
