-- Attempt limits shared by every node. bucket4j keeps one token bucket per key (e.g. test:admin:<id>) in
-- this table; the keys name tenants and admins but hold no tenant data, so the table has no row-level
-- security. expires_at (epoch milliseconds, database clock) lets old buckets be swept.
create table throttle_bucket (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
create index throttle_bucket_expires_idx on throttle_bucket (expires_at);

-- One connection test at a time per tenant, across nodes: a lease row, taken when free or expired (a node
-- that died mid-test cannot block its tenant for longer than the lease).
create table connection_test_lease (
    tenant_id  uuid primary key references tenant (id) on delete cascade,
    holder     uuid        not null,
    expires_at timestamptz not null
);

alter table connection_test_lease enable row level security;
alter table connection_test_lease force row level security;
create policy connection_test_lease_tenant on connection_test_lease
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());
