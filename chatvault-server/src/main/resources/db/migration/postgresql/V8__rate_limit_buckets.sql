-- Rate-limit token buckets (Bucket4j), shared by every server instance so that limits per client
-- address and per account hold however the load balancer spreads requests. The state is
-- Bucket4j's own serialised form; expires_at (epoch ms) is when the bucket would be full again,
-- after which the row holds nothing and the servers delete it.
CREATE TABLE rate_limit_buckets (
    id          text   NOT NULL PRIMARY KEY,
    state       bytea,
    expires_at  bigint
);
CREATE INDEX rate_limit_buckets_by_expiry ON rate_limit_buckets (expires_at);
