-- The product's own mail through the send API (issue 35): a request (one POST /api/v1/messages) and its deliveries,
-- one outbox row per recipient. The Idempotency-Key makes a retried call return the first answer, never send twice;
-- a key is the tenant's (another tenant's key is another key), kept with the hash of the request it answered.
create table message_request (
    id              uuid primary key,
    tenant_id       uuid        not null references tenant (id) on delete cascade,
    idempotency_key text check (length(idempotency_key) between 1 and 255),
    body_hash       bytea       not null,
    created_at      timestamptz not null default clock_timestamp(),
    unique (tenant_id, idempotency_key)
);
alter table message_request enable row level security;
alter table message_request force row level security;
create policy message_request_tenant on message_request
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());

alter table outbox_message add column html text;
alter table outbox_message add column reply_to text check (length(reply_to) <= 254);
alter table outbox_message add column request_id uuid references message_request (id) on delete cascade;
create index outbox_message_request_idx on outbox_message (request_id) where request_id is not null;
