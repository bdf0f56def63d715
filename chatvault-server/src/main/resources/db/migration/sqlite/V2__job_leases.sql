-- Background jobs run only while their server holds the job's lease (see the PostgreSQL
-- dialect). A SQLite file usually has a single server, but a lifecycle command in another
-- process may open it too; write transactions begin IMMEDIATE, so taking a lease is atomic here
-- as well.
CREATE TABLE job_leases (
    job         TEXT    NOT NULL PRIMARY KEY,
    holder      TEXT    NOT NULL,                  -- the instance id of the server holding it
    expires_at  INTEGER NOT NULL                   -- epoch milliseconds
);
