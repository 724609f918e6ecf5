-- Product mail (invitations, password resets, admin notices) waits here until a dispatcher sends it. A row
-- is written in the same transaction as the change that caused it; Message-ID is fixed at that moment, so a
-- message re-sent after a crash carries the same one.
create table outbox_message (
    id              uuid primary key,
    tenant_id       uuid        not null references tenant (id) on delete cascade,
    message_id      text        not null unique,
    kind            text        not null,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    state           text        not null check (state in ('QUEUED', 'SENDING', 'SENT', 'RETRYING', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    -- While SENDING: the claim runs out at lease_until, after which another node may take the row again.
    lease_until     timestamptz,
    claimed_by      text,
    last_error      text,
    created_at      timestamptz not null,
    sent_at         timestamptz
);
create index outbox_message_due_idx on outbox_message (next_attempt_at)
    where state in ('QUEUED', 'RETRYING', 'SENDING');
create index outbox_message_tenant_idx on outbox_message (tenant_id, created_at desc);

alter table outbox_message enable row level security;
alter table outbox_message force row level security;
create policy outbox_message_tenant on outbox_message
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());
-- The dispatcher works across tenants: it sees every outbox row (and nothing else) when it says so.
create policy outbox_message_dispatcher on outbox_message
    using (current_setting('app.outbox_dispatcher', true) = 'on')
    with check (current_setting('app.outbox_dispatcher', true) = 'on');
