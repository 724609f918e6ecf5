-- One person, many tenants (issue 31, decision 017). A person is one address across the deployment, with one
-- password and one language; app_user becomes that person's membership of one tenant (its role, its name there,
-- enabled or not, joined or still invited). Operators are people with the platform role.
--
-- email_key is the address folded once, by Java (EmailKey: stripped, lower-cased in Locale.ROOT), and compared
-- as it is stored: SQL never folds an address itself, so Java and PostgreSQL cannot disagree about 'İ'. The rows
-- migrated here were folded by lower(), which agrees with Java for every address the product accepted so far
-- (ASCII local parts and IDNA host names).

-- The data below is moved as the owner; FORCE would hide every tenant's rows from it.
alter table app_user no force row level security;
alter table account_link no force row level security;

create table person (
    id                  uuid primary key,
    email               text        not null check (length(email) between 3 and 254),
    email_key           text        not null unique check (length(email_key) between 3 and 254),
    password_hash       text,
    preferred_language  text check (preferred_language in ('en', 'pl', 'id')),
    created_at          timestamptz not null default now(),
    sessions_valid_from timestamptz,
    version             bigint      not null default 0
);

-- An operator's address and a tenant user's could be the same (a tenant could create a user with the operator's
-- address): one person then, with the operator's password.
insert into person (id, email, email_key, password_hash, preferred_language, created_at, sessions_valid_from)
select gen_random_uuid(),
       (array_agg(email order by rank))[1],
       email_key,
       (array_agg(password_hash order by rank) filter (where password_hash is not null))[1],
       (array_agg(preferred_language order by rank) filter (where preferred_language is not null))[1],
       min(created_at),
       max(sessions_valid_from)
from (select lower(email) as email_key, email, password_hash, preferred_language, created_at,
             null::timestamptz as sessions_valid_from, 0 as rank
      from platform_operator
      union all
      select lower(email), email, password_hash, preferred_language, created_at, sessions_valid_from, 1
      from app_user) as accounts
group by email_key;

alter table app_user add column person_id uuid references person (id) on delete cascade;
-- Null while the membership is an invitation: the person has not accepted it yet.
alter table app_user add column joined_at timestamptz;
update app_user u
set person_id = p.id,
    joined_at = case when u.password_hash is not null then coalesce(u.last_login_at, u.created_at) end
from person p
where p.email_key = lower(u.email);
alter table app_user add column email_key text;
update app_user set email_key = lower(email);
alter table app_user alter column person_id set not null;
alter table app_user alter column email_key set not null;

-- Rights are fixed at sign-in: a new role or deactivation ends the membership's sessions, a new password all of
-- the person's (the person's trigger below).
create or replace function app_user_sessions_valid_from() returns trigger language plpgsql as $$
begin
    if new.role is distinct from old.role or new.enabled is distinct from old.enabled then
        new.sessions_valid_from := clock_timestamp();
    end if;
    return new;
end;
$$;

create function person_sessions_valid_from() returns trigger language plpgsql as $$
begin
    if new.password_hash is distinct from old.password_hash then
        new.sessions_valid_from := clock_timestamp();
    end if;
    return new;
end;
$$;
create trigger person_sessions_valid_from before update on person
    for each row execute function person_sessions_valid_from();

drop policy app_user_login on app_user;
drop index app_user_email_key;
alter table app_user drop column password_hash;
alter table app_user drop column preferred_language;
-- email stays on the membership: the address the tenant invited, shown to its admins (the person's own row is
-- not theirs to read until the person joins).
create unique index app_user_person_key on app_user (tenant_id, person_id);
create index app_user_person_idx on app_user (person_id);

alter table platform_operator add column person_id uuid references person (id) on delete cascade;
update platform_operator o set person_id = p.id from person p where p.email_key = lower(o.email);
alter table platform_operator alter column person_id set not null;
create unique index platform_operator_person_key on platform_operator (person_id);
drop index platform_operator_email_key;
alter table platform_operator drop column email;
alter table platform_operator drop column password_hash;
alter table platform_operator drop column preferred_language;

alter table person enable row level security;
alter table person force row level security;
-- A sign-in may read the one person whose address is being signed in with, as it reads their memberships.
create policy person_login on person for select
    using (email_key = nullif(current_setting('app.login_email', true), ''));
-- By the membership's own copy of the key: a policy on app_user that read person would recurse through
-- person_member.
create policy app_user_login on app_user for select
    using (email_key = nullif(current_setting('app.login_email', true), ''));
-- A tenant reads and writes (password, language) the people who joined it; an invitee stays theirs alone.
create policy person_member on person
    using (exists (select 1 from app_user m
                   where m.person_id = person.id and m.tenant_id = mailroom_current_tenant() and m.joined_at is not null))
    with check (exists (select 1 from app_user m
                        where m.person_id = person.id and m.tenant_id = mailroom_current_tenant()
                          and m.joined_at is not null));
-- Operators belong to no tenant: their person rows are read and written in the operator scope only (set by
-- TenantContext.callAsOperator), never from a tenant's transaction.
create policy person_operator on person
    using (current_setting('app.operator', true) = 'on'
           and exists (select 1 from platform_operator o where o.person_id = person.id))
    with check (current_setting('app.operator', true) = 'on'
                and exists (select 1 from platform_operator o where o.person_id = person.id));
-- The owner (these migrations, and the two functions below that run as it) sees every row.
create policy person_owner on person to current_user using (true) with check (true);
create policy app_user_owner on app_user to current_user using (true) with check (true);
create policy account_link_owner on account_link to current_user using (true) with check (true);

-- The one way to name a person by address without reading them: an invitation of any address finds or makes its
-- person and learns only whether they already chose a password (for the wording of the mail the invitee gets).
-- The same answer whether the address was new or belongs to another tenant's member; nothing is reserved.
create function mailroom_person_for(p_email text, p_email_key text)
    returns table (person_id uuid, has_password boolean)
    language plpgsql security definer set search_path = public as $$
begin
    insert into person (id, email, email_key) values (gen_random_uuid(), p_email, p_email_key)
    on conflict (email_key) do nothing;
    return query select p.id, p.password_hash is not null from person p where p.email_key = p_email_key;
end;
$$;

-- A password set through one link uses up every other link that could set one: the person's reset links in every
-- tenant, and the other links of the same membership.
create function mailroom_retire_person_links(p_person uuid, p_except uuid) returns void
    language sql security definer set search_path = public as $$
    update account_link set used_at = clock_timestamp()
    where used_at is null and id <> p_except
      and user_id in (select m.id from app_user m where m.person_id = p_person)
      -- Another tenant's invitation stays: it can set no password now, only ask its reader to sign in.
      and (purpose = 'PASSWORD_RESET' or user_id = (select l.user_id from account_link l where l.id = p_except));
$$;

revoke all on function mailroom_person_for(text, text) from public;
revoke all on function mailroom_retire_person_links(uuid, uuid) from public;
grant execute on function mailroom_person_for(text, text) to ${app_role};
grant execute on function mailroom_retire_person_links(uuid, uuid) to ${app_role};

alter table app_user force row level security;
alter table account_link force row level security;
