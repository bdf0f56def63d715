-- When each account came under the plans (issue 11). Accounts that existed before plans did kept their
-- whole history without limit; retention may cut them only a grace period after this, so the first cut
-- is announced that long ahead. NULL for accounts created later:
-- they are under the plans from their creation, and their devices never upload what the plan does not keep.
ALTER TABLE accounts ADD COLUMN metered_since INTEGER;
UPDATE accounts SET metered_since = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
