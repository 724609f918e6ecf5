-- The built-in demo mailbox (demo instances only): what its SMTP server accepted, filed under the tenant of
-- the user it was addressed to. Never holds real mail: the server listens on loopback in demo mode only.
create table mailbox_message (
    id             uuid primary key,
    tenant_id      uuid        not null references tenant (id) on delete cascade,
    received_at    timestamptz not null default clock_timestamp(),
    envelope_from  text        not null,
    recipient      text        not null,
    -- From the message's headers when they could be read (a demo shows whatever arrived, readable or not).
    from_header    text,
    subject        text,
    message_id     text,
    -- How the client came in: the SASL mechanism (null: no AUTH) and the TLS protocol (null: plaintext).
    auth_mechanism text,
    auth_user      text,
    tls_protocol   text,
    raw            bytea       not null
);
create index mailbox_message_tenant_idx on mailbox_message (tenant_id, received_at desc);

alter table mailbox_message enable row level security;
alter table mailbox_message force row level security;
create policy mailbox_message_tenant on mailbox_message
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());
