-- Product changes (issue 11, billing-core): the plan a subscription had before its last change and when
-- the change took effect, so retention never applies a downgrade to time that was paid under the better plan.
ALTER TABLE subscriptions ADD COLUMN previous_plan_id TEXT;
ALTER TABLE subscriptions ADD COLUMN plan_changed_at INTEGER;
