-- A tenant whose mail server said "slow down" or "quota used" (421, 4.7.x, 554 5.2.0 and the like) has its sending
-- paused until paused_until, instead of every message being retried on its own; pauses counts the pauses in a row
-- (each one longer). A delivered message lifts it. One row per tenant: a tenant sends through one service at a time.
create table delivery_pause (
    tenant_id    uuid        primary key references tenant (id) on delete cascade,
    destination  text        not null,
    kind         text        not null check (kind in ('RATE', 'QUOTA')),
    reply        text        not null,
    pauses       integer     not null,
    paused_at    timestamptz not null,
    paused_until timestamptz not null
);

alter table delivery_pause enable row level security;
alter table delivery_pause force row level security;
create policy delivery_pause_tenant on delivery_pause
    using (tenant_id = mailroom_current_tenant()) with check (tenant_id = mailroom_current_tenant());
-- The dispatcher claims across tenants and must see every pause, as it sees every outbox row.
create policy delivery_pause_dispatcher on delivery_pause
    using (current_setting('app.outbox_dispatcher', true) = 'on')
    with check (current_setting('app.outbox_dispatcher', true) = 'on');

-- New or removed settings are another server (or the same one set up anew): its pause no longer applies.
create function mailroom_lift_delivery_pause() returns trigger
    language plpgsql as $$
begin
    delete from delivery_pause where tenant_id = coalesce(new.tenant_id, old.tenant_id);
    return null;
end
$$;
create trigger smtp_settings_lift_delivery_pause
    after insert or update or delete on smtp_settings
    for each row execute function mailroom_lift_delivery_pause();
