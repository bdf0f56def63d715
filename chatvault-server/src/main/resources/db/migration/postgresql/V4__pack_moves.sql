-- Keyless repacking and relabelling copy objects into new packs and re-point their rows; the old
-- pack blob must then outlive the move by the drop safety delay, because a fetch planned just
-- before it may still be reading the old location. vacated_at is the last time objects were
-- moved out of the pack (NULL: never); a pack is deleted only once it holds no objects and
-- vacated_at, if set, is older than the safety delay.
ALTER TABLE packs ADD COLUMN vacated_at timestamptz;
CREATE INDEX packs_vacated ON packs (vacated_at, account_id) WHERE vacated_at IS NOT NULL;
-- The repack job's scan groups packs by account and bucket.
CREATE INDEX packs_by_bucket ON packs (account_id, bucket);
