-- "Forgot password?" for operators (issue 31): their reset links belong to no tenant. Like account_link, only a
-- hash of the token is kept; a link is found by the hash its holder presents, and used and written only in the
-- operator scope (TenantContext.callAsOperator).
create table operator_link (
    id          uuid primary key,
    operator_id uuid        not null references platform_operator (id) on delete cascade,
    token_hash  bytea       not null unique,
    created_at  timestamptz not null default clock_timestamp(),
    expires_at  timestamptz not null,
    used_at     timestamptz
);
alter table operator_link enable row level security;
alter table operator_link force row level security;
create policy operator_link_operator on operator_link
    using (current_setting('app.operator', true) = 'on') with check (current_setting('app.operator', true) = 'on');
create policy operator_link_by_token on operator_link for select
    using (token_hash = decode(nullif(current_setting('app.link_hash', true), ''), 'hex'));
create policy operator_link_owner on operator_link to current_user using (true) with check (true);

-- What was done to the platform's own accounts (operator recovery, an operator's new password), beside the log
-- line: tenants' audit_event belongs to a tenant, these to none. Read and written in the operator scope only.
create table platform_audit_event (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null default clock_timestamp(),
    actor_name  text        not null,
    action      text        not null,
    subject_id  uuid
);
alter table platform_audit_event enable row level security;
alter table platform_audit_event force row level security;
create policy platform_audit_operator on platform_audit_event
    using (current_setting('app.operator', true) = 'on') with check (current_setting('app.operator', true) = 'on');

-- A password set through any link also uses up the person's operator reset links.
create or replace function mailroom_retire_person_links(p_person uuid, p_except uuid) returns void
    language sql security definer set search_path = public as $$
    update account_link set used_at = clock_timestamp()
    where used_at is null and id <> p_except
      and user_id in (select m.id from app_user m where m.person_id = p_person)
      and (purpose = 'PASSWORD_RESET' or user_id = (select l.user_id from account_link l where l.id = p_except));
    update operator_link set used_at = clock_timestamp()
    where used_at is null and id <> p_except
      and operator_id in (select o.id from platform_operator o where o.person_id = p_person);
$$;
