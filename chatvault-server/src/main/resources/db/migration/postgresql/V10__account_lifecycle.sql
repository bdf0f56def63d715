-- Account lifecycle (issue 11): deletion by the user, deletion after inactivity.

-- When the account last showed authenticated activity, written at most about once an hour (not per
-- request); accounts from before this migration count as active now, so none is deleted for idleness it
-- could not have announced.
ALTER TABLE accounts ADD COLUMN last_active_at timestamptz;
UPDATE accounts SET last_active_at = now();
-- Months of inactivity after which the account is deleted: 1, 3, 6 or 12 (the owner's choice).
ALTER TABLE accounts ADD COLUMN inactivity_months integer NOT NULL DEFAULT 12 CHECK (inactivity_months IN (1, 3, 6, 12));
-- Set when the owner deleted the account (or the lifecycle job found it idle): access ended then, and the
-- next lifecycle run removes its storage and rows. NULL for a live account.
ALTER TABLE accounts ADD COLUMN deleted_at timestamptz;
