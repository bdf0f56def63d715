-- One behaviour for both dialects: the head row is created with the account (version 0, no
-- root), as PostgreSQL always did, so that every commit, purge and move of an account can take
-- its vault lock on that row. SQLite cannot relax NOT NULL in place, so the table is rebuilt,
-- and accounts that never committed get their version-0 row.
CREATE TABLE heads_v5 (
    account_id    TEXT    NOT NULL PRIMARY KEY REFERENCES accounts (account_id),
    version       INTEGER NOT NULL CHECK (version >= 0),
    root          BLOB,
    committed_at  INTEGER,
    CHECK ((version = 0) = (root IS NULL) AND (root IS NULL) = (committed_at IS NULL))
);
INSERT INTO heads_v5 (account_id, version, root, committed_at) SELECT account_id, version, root, committed_at FROM heads;
INSERT INTO heads_v5 (account_id, version) SELECT account_id, 0 FROM accounts WHERE account_id NOT IN (SELECT account_id FROM heads);
DROP TABLE heads;
ALTER TABLE heads_v5 RENAME TO heads;
