-- Session endings by the database's clock. A session stands while app_user.sessions_valid_from is not after
-- its sign-in time; both now come from PostgreSQL (the sign-in time is read from it when the account is looked
-- up), so nodes whose clocks differ agree on which sessions a change ended.
create function app_user_sessions_valid_from() returns trigger language plpgsql as $$
begin
    if new.role is distinct from old.role or new.enabled is distinct from old.enabled
            or new.password_hash is distinct from old.password_hash then
        new.sessions_valid_from := clock_timestamp();
    end if;
    return new;
end;
$$;

create trigger app_user_sessions_valid_from before update on app_user
    for each row execute function app_user_sessions_valid_from();
