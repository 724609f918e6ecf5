-- A tenant's sending rate on custom settings (the provider's published limits): mail above it waits in the queue.
-- Null: no limit. Counted across nodes in throttle_bucket, like the attempt limits.
alter table smtp_settings
    add column rate_per_minute integer check (rate_per_minute > 0),
    add column rate_per_day integer check (rate_per_day > 0);
