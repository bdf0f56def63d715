-- Keyless repacking and relabelling copy objects into new packs and re-point their rows; the old
-- pack blob must then outlive the move by the drop safety delay (see the PostgreSQL dialect).
-- vacated_at: epoch milliseconds of the last move out of the pack, NULL if none.
ALTER TABLE packs ADD COLUMN vacated_at INTEGER;
CREATE INDEX packs_vacated ON packs (vacated_at, account_id) WHERE vacated_at IS NOT NULL;
CREATE INDEX packs_by_bucket ON packs (account_id, bucket);
