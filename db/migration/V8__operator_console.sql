-- Operators suspend tenants: nobody of a suspended tenant signs in, and its open sessions end.
alter table tenant add column suspended_at timestamptz;

-- The operator console reads across tenants, only while a transaction says so (app.operator, set only by
-- TenantContext.callAsOperator behind the operators' own role check), and only to read. Its queries take
-- counts, modes and states; the secrets in smtp_settings stay encrypted and are never selected.
create policy app_user_operator on app_user for select
    using (current_setting('app.operator', true) = 'on');
create policy smtp_settings_operator on smtp_settings for select
    using (current_setting('app.operator', true) = 'on');
create policy mail_status_operator on mail_status for select
    using (current_setting('app.operator', true) = 'on');
create policy outbox_message_operator on outbox_message for select
    using (current_setting('app.operator', true) = 'on');
