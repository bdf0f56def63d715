-- Failed logins per username, shared by every process on this database, so that online
-- guessing is throttled however requests are spread. Keyed by the lower-cased username, not the
-- account: unknown names are throttled the same way, so the table does not reveal which exist.
CREATE TABLE login_failures (
    username_key       TEXT    NOT NULL PRIMARY KEY,
    failures           INTEGER NOT NULL,
    window_started_at  INTEGER NOT NULL,               -- epoch milliseconds of the first failure counted
    blocked_until      INTEGER                         -- epoch milliseconds; NULL when not blocked
);
CREATE INDEX login_failures_by_window ON login_failures (window_started_at);
