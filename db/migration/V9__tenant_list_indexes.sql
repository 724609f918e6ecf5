-- The operator console lists tenants by name, a page at a time: with this index PostgreSQL walks the names
-- in order and stops after the page, instead of sorting every tenant (10,000 tenants: 16 ms to see how long).
create index tenant_name_order_idx on tenant (lower(name), id);

-- The outbox leaves suspended tenants' mail queued; each poll asks which tenants are suspended. Few are:
-- a partial index answers that without reading the tenant table.
create index tenant_suspended_idx on tenant (id) where suspended_at is not null;
