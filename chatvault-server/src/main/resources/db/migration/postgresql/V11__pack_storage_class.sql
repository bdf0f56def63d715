-- The object store's storage class a pack is kept in, as the server wrote or moved it there:
-- NULL for the standard class. The tiering job moves packs of old time buckets to the
-- configured cold class and records it here, so it never asks the object store pack by pack.
ALTER TABLE packs ADD COLUMN storage_class text;
-- The tiering job looks for standard packs of buckets before a month.
CREATE INDEX packs_standard_by_bucket ON packs (bucket, account_id) WHERE storage_class IS NULL;
