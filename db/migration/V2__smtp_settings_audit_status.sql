-- A tenant's custom SMTP settings (no row: the deployment's default mail service), what admins changed,
-- and the tenant's mail status. All tenant-owned, all behind row-level security.

create table smtp_settings (
    tenant_id                 uuid primary key references tenant (id) on delete cascade,
    mode                      text        not null check (mode in ('DEFAULT_SERVICE', 'CUSTOM')),
    host                      text check (length(host) <= 253),
    port                      integer check (port between 1 and 65535),
    security                  text        not null check (security in ('NONE', 'SSL_TLS', 'STARTTLS')),
    min_tls                   text        not null check (min_tls in ('TLS_1_2', 'TLS_1_3')),
    trust                     text        not null check (trust in ('DEFAULT', 'CUSTOM')),
    ca_pem                    text check (length(ca_pem) <= 65536),
    sender_name               text,
    sender_address            text,
    auth_type                 text        not null check (auth_type in ('NONE', 'BASIC', 'OAUTH2')),
    username                  text,
    oauth_provider            text check (oauth_provider in ('MICROSOFT', 'OTHER')),
    oauth_directory_id        text,
    oauth_client_id           text,
    oauth_token_url           text,
    oauth_scope               text,
    -- Secrets: AES-GCM ciphertexts (the tenant id is bound in as associated data) and the key that made them.
    password_ciphertext       bytea,
    client_secret_ciphertext  bytea,
    secret_key_id             text,
    updated_at                timestamptz not null,
    updated_by                text        not null,
    version                   bigint      not null
);

create table audit_event (
    id          bigint generated always as identity primary key,
    tenant_id   uuid        not null references tenant (id) on delete cascade,
    occurred_at timestamptz not null default now(),
    actor_id    uuid,
    actor_name  text        not null,
    action      text        not null,
    -- Names of the fields that changed, never their values.
    details     text        not null default ''
);
create index audit_event_tenant_time_idx on audit_event (tenant_id, occurred_at desc);

create table mail_status (
    tenant_id       uuid primary key references tenant (id) on delete cascade,
    level           text        not null check (level in ('OK', 'WARNING', 'ERROR', 'UNKNOWN')),
    source          text        not null,
    reason_key      text,
    detail          text,
    since           timestamptz not null,
    last_success_at timestamptz,
    triggered_by    text,
    version         bigint      not null
);

alter table smtp_settings enable row level security;
alter table smtp_settings force row level security;
create policy smtp_settings_tenant on smtp_settings
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());

alter table audit_event enable row level security;
alter table audit_event force row level security;
create policy audit_event_tenant on audit_event
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());

alter table mail_status enable row level security;
alter table mail_status force row level security;
create policy mail_status_tenant on mail_status
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());
