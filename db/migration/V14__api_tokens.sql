-- API tokens: scripts act through them with the rights of the tenant admin who made them, never more. Only the
-- SHA-256 of a token is kept (256 random bits: nothing to guess, so a fast hash is enough), shown once.
create table api_token (
    id           uuid primary key,
    tenant_id    uuid        not null references tenant (id) on delete cascade,
    created_by   uuid        not null references app_user (id) on delete cascade,
    name         text        not null check (length(name) between 1 and 80),
    token_hash   bytea       not null unique,
    created_at   timestamptz not null default clock_timestamp(),
    expires_at   timestamptz not null,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_tenant_idx on api_token (tenant_id, created_at desc);

alter table api_token enable row level security;
alter table api_token force row level security;
create policy api_token_tenant on api_token
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());
-- A request carrying a token comes before anyone is known: it may read the one row whose hash it holds
-- (the same setting as a mailed link's: the hash of a secret the caller presented).
create policy api_token_by_hash on api_token for select
    using (token_hash = decode(nullif(current_setting('app.link_hash', true), ''), 'hex'));
