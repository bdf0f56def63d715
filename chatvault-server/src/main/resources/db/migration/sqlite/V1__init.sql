-- Chatvault server metadata, SQLite dialect. Times are epoch milliseconds (UTC).
-- Every table that holds account data leads its primary key with account_id so that all
-- queries are keyed by account and the schema can be sharded by account later.

CREATE TABLE accounts (
    account_id          TEXT    NOT NULL PRIMARY KEY,
    username            TEXT    NOT NULL,
    username_key        TEXT    NOT NULL UNIQUE,   -- lower-cased: usernames are case-insensitive
    secret_salt         BLOB    NOT NULL,
    secret_hash         BLOB    NOT NULL,          -- Argon2id of the client-derived login secret
    argon2_memory_kib   INTEGER NOT NULL,
    argon2_iterations   INTEGER NOT NULL,
    argon2_parallelism  INTEGER NOT NULL,
    created_at          INTEGER NOT NULL
);

CREATE TABLE tokens (
    token_hash  BLOB    NOT NULL PRIMARY KEY,      -- SHA-256 of the token; the token itself is never stored
    account_id  TEXT    NOT NULL REFERENCES accounts (account_id),
    session_id  TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('access', 'refresh')),
    expires_at  INTEGER NOT NULL
);
CREATE INDEX tokens_by_session ON tokens (account_id, session_id);
CREATE INDEX tokens_by_expiry ON tokens (account_id, expires_at);

CREATE TABLE key_slots (
    account_id  TEXT    NOT NULL REFERENCES accounts (account_id),
    slot_id     TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    blob        BLOB    NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, slot_id)
);

-- One pack blob in the object store: one account, one time bucket.
CREATE TABLE packs (
    account_id   TEXT    NOT NULL REFERENCES accounts (account_id),
    pack_id      TEXT    NOT NULL,
    bucket       INTEGER NOT NULL,
    storage_key  TEXT    NOT NULL,
    length       INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (account_id, pack_id)
);

CREATE TABLE objects (
    account_id   TEXT    NOT NULL,
    object_id    BLOB    NOT NULL,                 -- 32 bytes
    kind         INTEGER NOT NULL,
    bucket       INTEGER NOT NULL,
    pack_id      TEXT    NOT NULL,
    pack_offset  INTEGER NOT NULL,                 -- where the body starts in the pack
    length       INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    dropped_at   INTEGER,                          -- set when a commit stops referencing it
    PRIMARY KEY (account_id, object_id),
    FOREIGN KEY (account_id, pack_id) REFERENCES packs (account_id, pack_id)
) WITHOUT ROWID;
CREATE INDEX objects_by_pack ON objects (account_id, pack_id);
CREATE INDEX objects_dropped ON objects (dropped_at, account_id) WHERE dropped_at IS NOT NULL;

-- The current head only: a commit is a compare-and-swap on this row.
CREATE TABLE heads (
    account_id    TEXT    NOT NULL PRIMARY KEY REFERENCES accounts (account_id),
    version       INTEGER NOT NULL,
    root          BLOB    NOT NULL,
    committed_at  INTEGER NOT NULL
);
