-- Chatvault server metadata, PostgreSQL dialect. The same tables as the SQLite dialect.
-- Every table that holds account data leads its primary key with account_id, and every query
-- names the account, so the tables can later be sharded (or moved to a distributed SQL that
-- speaks PostgreSQL) by account_id. Tables are created unqualified: Flyway and the pool put
-- them in the configured schema.

CREATE TABLE accounts (
    account_id          text        NOT NULL PRIMARY KEY,
    username            text        NOT NULL,
    username_key        text        NOT NULL,          -- lower-cased: usernames are case-insensitive
    secret_salt         bytea       NOT NULL,
    secret_hash         bytea       NOT NULL,          -- Argon2id of the client-derived login secret
    argon2_memory_kib   integer     NOT NULL,
    argon2_iterations   integer     NOT NULL,
    argon2_parallelism  integer     NOT NULL,
    created_at          timestamptz NOT NULL
);
-- Login finds the account by name: the one lookup not keyed by account (a directory table
-- once sharded).
CREATE UNIQUE INDEX accounts_by_username ON accounts (username_key);

CREATE TABLE tokens (
    account_id  text        NOT NULL REFERENCES accounts (account_id),
    token_hash  bytea       NOT NULL,                  -- SHA-256 of the token; the token itself is never stored
    session_id  text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('access', 'refresh')),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, token_hash)
);
-- Every request authenticates by token hash alone, so it needs its own lookup; the hash is
-- 256 random bits, so it is unique on its own too.
CREATE UNIQUE INDEX tokens_by_hash ON tokens (token_hash);
CREATE INDEX tokens_by_session ON tokens (account_id, session_id);
CREATE INDEX tokens_by_expiry ON tokens (account_id, expires_at);

CREATE TABLE key_slots (
    account_id  text        NOT NULL REFERENCES accounts (account_id),
    slot_id     text        NOT NULL,
    kind        text        NOT NULL,
    blob        bytea       NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (account_id, slot_id)
);

-- One pack blob in the object store: one account, one time bucket.
CREATE TABLE packs (
    account_id   text        NOT NULL REFERENCES accounts (account_id),
    pack_id      text        NOT NULL,
    bucket       integer     NOT NULL,
    storage_key  text        NOT NULL,
    length       bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (account_id, pack_id)
);

CREATE TABLE objects (
    account_id   text        NOT NULL,
    object_id    bytea       NOT NULL CHECK (length(object_id) = 32),
    kind         integer     NOT NULL,
    bucket       integer     NOT NULL,
    pack_id      text        NOT NULL,
    pack_offset  bigint      NOT NULL,                 -- where the body starts in the pack
    length       integer     NOT NULL,
    created_at   timestamptz NOT NULL,
    dropped_at   timestamptz,                          -- set when a commit stops referencing it
    PRIMARY KEY (account_id, object_id),
    FOREIGN KEY (account_id, pack_id) REFERENCES packs (account_id, pack_id)
);
CREATE INDEX objects_by_pack ON objects (account_id, pack_id);
-- The sweeper's scan for accounts with something to delete stays small: only dropped rows.
CREATE INDEX objects_dropped ON objects (dropped_at, account_id) WHERE dropped_at IS NOT NULL;

-- The current head only. The row is created with the account (version 0, no root) so that a
-- commit, even the first, can lock it with SELECT … FOR UPDATE: that lock is what makes the
-- compare-and-swap atomic across server instances, and purging dropped objects takes it too.
CREATE TABLE heads (
    account_id    text        NOT NULL PRIMARY KEY REFERENCES accounts (account_id),
    version       bigint      NOT NULL CHECK (version >= 0),
    root          bytea,
    committed_at  timestamptz,
    CHECK ((version = 0) = (root IS NULL) AND (root IS NULL) = (committed_at IS NULL))
);
