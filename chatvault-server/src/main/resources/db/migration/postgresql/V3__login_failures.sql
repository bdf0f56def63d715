-- Failed logins per username, shared by every server instance, so that online guessing is
-- throttled however the load balancer spreads requests. Keyed by the lower-cased username, not
-- the account: unknown names are throttled the same way, so the table does not reveal which
-- exist. Like accounts_by_username, a directory table once sharded.
CREATE TABLE login_failures (
    username_key       text        NOT NULL PRIMARY KEY,
    failures           integer     NOT NULL,
    window_started_at  timestamptz NOT NULL,
    blocked_until      timestamptz
);
CREATE INDEX login_failures_by_window ON login_failures (window_started_at);
