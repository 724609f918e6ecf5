-- Tenants, their users and the platform operators.
-- Flyway runs as the role that owns these tables; the application connects as ${app_role}, which owns
-- nothing, so FORCE ROW LEVEL SECURITY below applies to every query the application makes.

create function mailroom_current_tenant() returns uuid
    language sql stable
    as $$ select nullif(current_setting('app.tenant', true), '')::uuid $$;

create table tenant (
    id         uuid primary key,
    slug       text        not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       text        not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now(),
    version    bigint      not null default 0
);

create table app_user (
    id                 uuid primary key,
    tenant_id          uuid        not null references tenant (id) on delete cascade,
    email              text        not null check (length(email) between 3 and 254),
    display_name       text        not null check (length(display_name) between 1 and 200),
    password_hash      text,
    role               text        not null check (role in ('ADMIN', 'USER')),
    preferred_language text check (preferred_language in ('en', 'pl', 'id')),
    enabled            boolean     not null default true,
    created_at         timestamptz not null default now(),
    last_login_at      timestamptz,
    version            bigint      not null default 0
);
-- One login name across the deployment: the login form has no tenant field, the email finds the tenant.
create unique index app_user_email_key on app_user (lower(email));
create index app_user_tenant_idx on app_user (tenant_id);

alter table app_user enable row level security;
alter table app_user force row level security;
create policy app_user_tenant on app_user
    using (tenant_id = mailroom_current_tenant())
    with check (tenant_id = mailroom_current_tenant());
-- Authentication happens before a tenant is known: it may read exactly the row whose email is being
-- signed in with, nothing else, and write nothing.
create policy app_user_login on app_user for select
    using (lower(email) = lower(nullif(current_setting('app.login_email', true), '')));

create table platform_operator (
    id                 uuid primary key,
    email              text        not null check (length(email) between 3 and 254),
    display_name       text        not null check (length(display_name) between 1 and 200),
    password_hash      text        not null,
    preferred_language text check (preferred_language in ('en', 'pl', 'id')),
    created_at         timestamptz not null default now(),
    version            bigint      not null default 0
);
create unique index platform_operator_email_key on platform_operator (lower(email));

grant usage on schema public to ${app_role};
grant select, insert, update, delete on tenant, app_user, platform_operator to ${app_role};
grant execute on function mailroom_current_tenant() to ${app_role};
-- Tables added by later migrations (created by the same owner) are granted to the application as well.
alter default privileges in schema public grant select, insert, update, delete on tables to ${app_role};
alter default privileges in schema public grant usage, select on sequences to ${app_role};
