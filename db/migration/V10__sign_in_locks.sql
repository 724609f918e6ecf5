-- Accounts whose failed sign-ins used up their attempts, until when, so that the tenant's admins and the
-- operator console can see it. The buckets themselves are in throttle_bucket; this is what people read.
-- The key is the sign-in name (lower-case email); like throttle_bucket it holds no tenant data and has no
-- row-level security: it only says "this address is locked", which the sign-in page never reveals.
create table sign_in_lock (
    account      text primary key,
    locked_until timestamptz not null
);
