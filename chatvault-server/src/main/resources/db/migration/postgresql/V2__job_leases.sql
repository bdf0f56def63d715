-- Background jobs (sweeping dropped objects, later repacking and lifecycle) run on whichever
-- server instance holds the job's lease, so that instances sharing this database do not all do
-- the same work. A lease is taken or renewed by one INSERT … ON CONFLICT DO UPDATE that only
-- succeeds when the row is absent, expired, or already this holder's; a crashed holder's lease
-- simply runs out. Leases avoid duplicate work; the correctness of each step still rests on the
-- row locks the step itself takes.
CREATE TABLE job_leases (
    job         text        NOT NULL PRIMARY KEY,
    holder      text        NOT NULL,                  -- the instance id of the server holding it
    expires_at  timestamptz NOT NULL
);
