-- One-time links mailed to users: an invitation to set a first password, or a password reset. Only a hash
-- of the token is stored; the token itself exists in the mail alone.
create table account_link (
    id         uuid primary key,
    tenant_id  uuid        not null references tenant (id) on delete cascade,
    user_id    uuid        not null references app_user (id) on delete cascade,
    purpose    text        not null check (purpose in ('INVITATION', 'PASSWORD_RESET')),
    token_hash bytea       not null unique,
    created_at timestamptz not null default clock_timestamp(),
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index account_link_user_idx on account_link (user_id, purpose);

alter table account_link enable row level security;
alter table account_link force row level security;
create policy account_link_tenant on account_link
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());
-- Following a link happens before anyone is signed in: it may read the one row whose token hash it holds.
create policy account_link_by_token on account_link for select
    using (token_hash = decode(nullif(current_setting('app.link_hash', true), ''), 'hex'));


-- Sessions signed in before this moment are ended at their next request: set when the password changes,
-- the user is deactivated or their role changes (a session's rights are fixed at sign-in).
alter table app_user add column sessions_valid_from timestamptz;
